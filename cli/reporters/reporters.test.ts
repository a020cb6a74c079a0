import { describe, expect, it } from 'vitest';
import { exitCodeFor, type RunSummary } from '../checks/results.js';
import { renderHuman } from './human.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';

const summary: RunSummary = {
  startedAt: Date.parse('2026-11-25T04:00:00Z'),
  durationMs: 1234,
  exercises: [
    {
      id: 'exercise-1',
      title: 'Golden Signals with PromQL',
      checks: [
        {
          id: 'exercise-1/A/3',
          title: 'Basic request count',
          status: 'pass',
          message: '7 series',
          points: 2,
          attempts: 1,
          durationMs: 40,
        },
        {
          id: 'exercise-1/C/3',
          title: 'Error percentage',
          status: 'fail',
          message: '30% differs from the 13.6% the traffic ledger sent',
          expected: '13.6 ± 5',
          actual: 30,
          hint: 'Divide & multiply <by> 100',
          points: 2,
          attempts: 3,
          durationMs: 2100,
        },
        {
          id: 'exercise-1/D/1',
          title: 'Container CPU usage',
          status: 'skip',
          message: 'needs cAdvisor',
          points: 1,
          attempts: 1,
          durationMs: 1,
        },
      ],
    },
  ],
};

describe('reporters', () => {
  it('human: marks, expected vs got, hint only on failure, score without skipped points', () => {
    const text = renderHuman(summary, false);
    expect(text).toContain('✓ exercise-1/A/3');
    expect(text).toContain('✗ exercise-1/C/3');
    expect(text).toContain('FAIL: 30% differs');
    expect(text).toContain('expected: 13.6 ± 5');
    expect(text).toContain('got:      30');
    expect(text).toContain('hint:     Divide');
    expect(text).toContain('○ exercise-1/D/1');
    expect(text).toContain('Score: 2/4');
    expect(text).toContain('1 passed, 1 failed, 1 skipped, 0 errors');
  });

  it('json: the documented shape, hint only on failures', () => {
    const doc = JSON.parse(renderJson(summary));
    expect(doc.summary).toEqual({ passed: 1, failed: 1, skipped: 1, errors: 0 });
    expect(doc.exercises[0]).toMatchObject({ id: 'exercise-1', score: 2, maxScore: 4 });
    expect(doc.exercises[0].checks[1]).toEqual({
      id: 'exercise-1/C/3',
      title: 'Error percentage',
      status: 'fail',
      message: '30% differs from the 13.6% the traffic ledger sent',
      expected: '13.6 ± 5',
      actual: 30,
      hint: 'Divide & multiply <by> 100',
    });
    expect(doc.exercises[0].checks[0]).not.toHaveProperty('hint');
  });

  it('junit: one suite per exercise, failure and skipped elements, escaped text', () => {
    const xml = renderJunit(summary);
    expect(xml).toContain('<testsuite name="exercise-1" tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('<failure message="30% differs from the 13.6% the traffic ledger sent">');
    expect(xml).toContain('Divide &amp; multiply &lt;by&gt; 100');
    expect(xml).toContain('<skipped message="needs cAdvisor"/>');
  });

  it('exit codes: failure 1, error outranks failure with 3', () => {
    expect(exitCodeFor(summary)).toBe(1);
    const withError = structuredClone(summary);
    (withError.exercises[0]?.checks[0] as { status: string }).status = 'error';
    expect(exitCodeFor(withError)).toBe(3);
  });
});
