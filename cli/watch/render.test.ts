import { describe, expect, it } from 'vitest';
import { exercises } from '../../exercises/registry.js';
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
    const screen = renderWatch(view(checks), { color: false, width: 100, height: 60 });
    expect(screen).toContain('exercise-1: Golden Signals  [#######-------------] 2/6 points');
    expect(screen).toContain('Part A: Traffic');
    expect(screen).toContain('✓ A/3   title exercise-1/A/3  flask_http_request_duration_seconds_count');
    expect(screen).toContain('›✗ A/4   title exercise-1/A/4  is a counter');
    expect(screen).toContain('○ B/1   title exercise-1/B/1  not attempted yet');
    expect(screen).toContain('Next: exercise-1/A/4 title exercise-1/A/4');
    expect(screen).not.toContain('hint: use rate()');
    expect(renderWatch(view(checks, true), { color: false, width: 100, height: 60 })).toContain(
      'hint: use rate()',
    );
    expect(nextCheck(view(checks))?.id).toBe('exercise-1/A/4');
    expect(renderWatch(view([checks[0] as CheckResult]), { color: false, width: 100, height: 60 })).toContain(
      'Every check passes',
    );
  });
});

describe('renderWatch on a small terminal', () => {
  // Both exercises, every check, long messages and queries: far more than 80×24 holds.
  const all = exercises().map((e) => ({
    id: e.definition.id,
    title: e.definition.title,
    checks: e.definition.checks.map((c, i) =>
      r(c.id, i < 9 ? 'pass' : 'fail', {
        title: c.title,
        message: `the query asks for the 95th percentile of ${'a very long explanation '.repeat(8)}`,
        work: { query: `histogram_quantile(0.95, ${'sum by (le) (rate(x[5m])) '.repeat(10)})\u001b[6n` },
      }),
    ),
  }));
  const parts = Object.fromEntries(exercises().map((e) => [e.definition.id, e.definition.parts]));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC.
  const colour = /\u001b\[[0-9;]*m/g;
  const visible = (s: string) => s.replace(colour, '');

  it('fits 80×24: every line in 80 columns, colour codes whole, header, score, banner and the current part on screen', () => {
    const screen = renderWatch(
      {
        exercises: all,
        parts,
        showHint: true,
        status: 'watching',
        problem: 'Prometheus at http://localhost:9090 does not answer; your passes are kept',
      },
      { color: true, width: 80, height: 24 },
    );
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(visible(line).length, line).toBeLessThanOrEqual(80);
    // Every escape is a whole colour code (none cut in half, none from the learner's query).
    expect(visible(screen)).not.toContain('\u001b');
    expect(visible(screen)).toMatch(/^exercise-1: Golden Signals with PromQL +\[#+-*\] \d+\/\d+ points/);
    expect(visible(screen)).toContain('exercise-2:');
    expect(visible(screen)).toContain(
      '! Prometheus at http://localhost:9090 does not answer; your passes are kept',
    );
    // The first check not passed is exercise-1's 10th: its part's header and its line show.
    const next = all[0]?.checks[9];
    const letter = next?.id.split('/')[1];
    expect(visible(screen)).toContain(`Part ${letter}:`);
    expect(visible(screen)).toMatch(new RegExp(`›✗ ${next?.id.split('/').slice(1).join('/')}`));
    expect(visible(screen)).toMatch(/↑ \d+ more/);
    expect(visible(screen)).toMatch(/↓ \d+ more/);
    expect(visible(screen)).toContain(`Next: ${next?.id}`);
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
