import { describe, expect, it } from 'vitest';
import type { CheckResult, ExerciseResult } from '../checks/results.js';
import { changeLines, nextCheck, renderWatch } from './render.js';

const r = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: `title ${id}`,
  status,
  message: status === 'unchecked' ? 'not attempted yet' : 'because',
  points: 2,
  attempts: 1,
  durationMs: 1,
  ...extra,
});
const ex = (checks: CheckResult[]): ExerciseResult => ({
  id: 'exercise-1',
  title: 'Golden Signals',
  section: 'work',
  checks,
});
const view = (checks: CheckResult[], showHint = false) => ({
  exercises: [ex(checks)],
  parts: { 'exercise-1': { A: 'Traffic', B: 'Latency' } },
  showHint,
  status: 'watching',
});

describe('renderWatch', () => {
  it('shows each check with its mark and the learner query, a progress bar, and the next step', () => {
    const checks = [
      r('exercise-1/A/3', 'pass', {
        work: { query: 'flask_http_request_duration_seconds_count', ranAt: '2026-12-02T10:00:00Z' },
      }),
      r('exercise-1/A/4', 'fail', { message: 'is a counter', hint: 'use rate()', work: { query: 'x' } }),
      r('exercise-1/B/1', 'unchecked', { attempted: false }),
    ];
    const screen = renderWatch(view(checks), { color: false, width: 100 });
    expect(screen).toContain('exercise-1: Golden Signals  [#######-------------] 2/6 points');
    expect(screen).toContain('Part A: Traffic');
    expect(screen).toContain('✓ A/3   title exercise-1/A/3  flask_http_request_duration_seconds_count');
    expect(screen).toContain('›✗ A/4   title exercise-1/A/4  is a counter');
    expect(screen).toContain('○ B/1   title exercise-1/B/1  not attempted yet');
    expect(screen).toContain('Next: exercise-1/A/4 title exercise-1/A/4');
    expect(screen).not.toContain('hint: use rate()');
    expect(renderWatch(view(checks, true), { color: false, width: 100 })).toContain('hint: use rate()');
    expect(nextCheck(view(checks))?.id).toBe('exercise-1/A/4');
    expect(renderWatch(view([checks[0] as CheckResult]), { color: false, width: 100 })).toContain(
      'Every check passes',
    );
  });
});

describe('changeLines', () => {
  it('says what changed, a line each, and nothing for what did not', () => {
    const before = [
      ex([r('exercise-1/A/3', 'unchecked', { attempted: false }), r('exercise-1/A/4', 'fail')]),
    ];
    const after = [ex([r('exercise-1/A/3', 'pass', { work: { query: 'q' } }), r('exercise-1/A/4', 'fail')])];
    expect(changeLines(before, after)).toEqual(['✓ exercise-1/A/3 title exercise-1/A/3 passes: q']);
    const noted = [
      ex([
        r('exercise-1/A/3', 'pass', { message: 'passed at …', work: { query: 'q' } }),
        r('exercise-1/A/4', 'fail'),
      ]),
    ];
    expect(changeLines(after, noted)).toEqual([]);
    expect(changeLines([], before)).toEqual(['✗ exercise-1/A/4 title exercise-1/A/4 fails: because']);
  });
});
