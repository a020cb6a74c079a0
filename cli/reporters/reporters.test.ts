import { SaxesParser } from 'saxes';
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
          message: '30% differs from the 13.6% the raw samples give',
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
          status: 'unchecked',
          message: 'needs cAdvisor',
          todo: 'use the compose backend',
          unavailableService: 'cadvisor',
          points: 1,
          attempts: 1,
          durationMs: 1,
        },
      ],
    },
  ],
};

/** Every event of a strict XML 1.0 parser: throws on anything not well-formed, illegal characters included. */
function parseXml(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const parser = new SaxesParser();
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (t) =>
    elements.push({ name: t.name, attributes: t.attributes as Record<string, string>, text: '' }),
  );
  parser.on('text', (t) => {
    const last = elements.at(-1);
    if (last) last.text += t;
  });
  parser.write(xml).close();
  if (error) throw error;
  return elements;
}

describe('reporters', () => {
  it('human: marks, expected vs got, hint on failure, what to do when unchecked, score of passes out of all', () => {
    const text = renderHuman(summary, false);
    expect(text).toContain('✓ exercise-1/A/3');
    expect(text).toContain('✗ exercise-1/C/3');
    expect(text).toContain('FAIL: 30% differs');
    expect(text).toContain('expected: 13.6 ± 5');
    expect(text).toContain('got:      30');
    expect(text).toContain('hint:     Divide');
    expect(text).toContain('○ exercise-1/D/1');
    expect(text).toContain('unchecked: needs cAdvisor');
    expect(text).toContain('to do:    use the compose backend');
    expect(text).toContain('Score: 2/5 points (1 of 3 steps pass)');
    expect(text).toContain('1 passed, 1 failed, 1 unchecked, 0 errors');
  });

  it("human: a learner's query never sends its control characters (escape codes) to the terminal", () => {
    const query = 'up\u001b[6n\u0007 or\r\nvector(1)';
    const text = renderHuman(
      {
        ...summary,
        exercises: [
          {
            id: 'exercise-1',
            title: 'Golden Signals with PromQL',
            checks: [
              {
                ...(summary.exercises[0]?.checks[0] as RunSummary['exercises'][0]['checks'][0]),
                work: { query },
              },
              {
                ...(summary.exercises[0]?.checks[1] as RunSummary['exercises'][0]['checks'][0]),
                work: { query },
                actual: query,
              },
            ],
          },
        ],
      },
      false,
    );
    expect(text).toContain('your query up [6n or vector(1)');
    expect(text).toContain('got:      up [6n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters must not be there.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('human: one reason shared by every check of an exercise is said once', () => {
    const checks = ['A/1', 'A/2', 'B/1'].map((id) => ({
      id: `exercise-2/${id}`,
      title: id,
      status: 'error' as const,
      message: 'wrong Grafana user or password',
      points: 1,
      attempts: 1,
      durationMs: 1,
    }));
    const text = renderHuman(
      { ...summary, exercises: [{ id: 'exercise-2', title: 'Grafana', checks }] },
      false,
    );
    expect(text.match(/wrong Grafana user or password/g)).toHaveLength(1);
    expect(text).toContain('! exercise-2/B/1');
  });

  it('json: the documented shape, hint only on failures, todo on unchecked', () => {
    const doc = JSON.parse(renderJson(summary));
    expect(doc.summary).toEqual({ passed: 1, failed: 1, unchecked: 1, errors: 0 });
    expect(doc.exercises[0]).toMatchObject({ id: 'exercise-1', score: 2, maxScore: 5 });
    expect(doc.exercises[0].checks[1]).toEqual({
      id: 'exercise-1/C/3',
      title: 'Error percentage',
      status: 'fail',
      message: '30% differs from the 13.6% the raw samples give',
      expected: '13.6 ± 5',
      actual: 30,
      hint: 'Divide & multiply <by> 100',
    });
    expect(doc.exercises[0].checks[2]).toMatchObject({
      status: 'unchecked',
      todo: 'use the compose backend',
      unavailableService: 'cadvisor',
    });
    expect(doc.exercises[0].checks[0]).not.toHaveProperty('hint');
  });

  it('junit: well-formed XML with failure and skipped (unchecked, with the reason), read back by a strict parser', () => {
    const els = parseXml(renderJunit(summary));
    expect(els.find((e) => e.name === 'testsuite')?.attributes).toMatchObject({
      name: 'exercise-1',
      tests: '3',
      failures: '1',
      errors: '0',
      skipped: '1',
    });
    const failure = els.find((e) => e.name === 'failure');
    expect(failure?.attributes.message).toBe('30% differs from the 13.6% the raw samples give');
    expect(failure?.text).toContain('hint: Divide & multiply <by> 100');
    expect(els.find((e) => e.name === 'skipped')?.attributes.message).toBe('unchecked: needs cAdvisor');
  });

  it('junit: a learner query with characters XML forbids still gives well-formed XML', () => {
    const nasty = structuredClone(summary);
    const c = nasty.exercises[0]?.checks[1];
    if (!c) throw new Error('fixture');
    c.message = 'bad \u0000 \u0007 \u001b[31m query ]]> <x> & "q" \uD800';
    c.actual = 'rate(x{a="\u0001"}[5m])';
    const els = parseXml(renderJunit(nasty));
    expect(els.find((e) => e.name === 'failure')?.attributes.message).toContain('<x> & "q"');
  });

  it('exit codes: error 3 over failure 1 over unchecked 4; tolerated unchecked results do not count', () => {
    expect(exitCodeFor(summary)).toBe(1);
    const withError = structuredClone(summary);
    (withError.exercises[0]?.checks[0] as { status: string }).status = 'error';
    expect(exitCodeFor(withError)).toBe(3);
    const onlyUnchecked = structuredClone(summary);
    onlyUnchecked.exercises[0]?.checks.splice(1, 1);
    expect(exitCodeFor(onlyUnchecked)).toBe(4);
    expect(exitCodeFor(onlyUnchecked, (c) => c.unavailableService === 'cadvisor')).toBe(0);
  });
});
