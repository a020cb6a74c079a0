import { Chalk } from 'chalk';
import { type CheckResult, counts, type ExerciseResult, type RunSummary, score } from '../checks/results.js';
import { clip, oneLine, printable } from '../text.js';

const marks = { pass: '✓', fail: '✗', unchecked: '○', error: '!' } as const;

/** The learner's report: a line per check, expected vs got and the hint on failure, what to do when unchecked, a score per exercise. */
export function renderHuman(summary: RunSummary, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const paint = { pass: c.green, fail: c.red, unchecked: c.dim, error: c.yellow } as const;
  const lines: string[] = [];
  for (const ex of summary.exercises) {
    const { score: got, maxScore } = score(ex);
    const section = ex.section === 'work' ? ' — your work' : ex.section === 'stack' ? ' — your stack' : '';
    lines.push(c.bold(`${ex.id}: ${ex.title}${section}`));
    if (ex.section === 'stack') lines.push(c.dim("  the exercise's own queries: is the data there at all?"));
    for (const note of ex.notes ?? []) lines.push(c.yellow(`  note: ${note}`));
    // The same reason for every check (Grafana down, a 401, no Grafana at all) is said once.
    const shared = sharedReason(ex);
    if (shared) lines.push(...details(shared).map((d) => `    ${d}`));
    for (const r of ex.checks) {
      const said =
        r.work && r.status === 'pass'
          ? `your query ${oneLine(r.work.query)}${ranAt(r.work.ranAt, r.kept)}`
          : r.message;
      const note = r.status === 'pass' ? c.dim(`  ${clip(said)}`) : '';
      lines.push(`  ${paint[r.status](marks[r.status])} ${r.id.padEnd(16)} ${r.title}${note}`);
      if (r.status !== 'pass' && !shared) lines.push(...details(r).map((d) => `      ${d}`));
    }
    lines.push(
      ex.section === 'stack'
        ? `  ${passes(ex)} of ${ex.checks.length} pass`
        : `  Score: ${got}/${maxScore} points (${passes(ex)} of ${ex.checks.length} steps pass)`,
      '',
    );
  }
  const n = counts(summary);
  lines.push(
    `${n.passed} passed, ${n.failed} failed, ${n.unchecked} unchecked, ${n.errors} errors (${(summary.durationMs / 1000).toFixed(1)} s)`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The one result that stands for all, when every check of an exercise that did not pass ended
 * the same way for the same reason (Prometheus down, with the kept passes still passing).
 */
function sharedReason(ex: ExerciseResult): CheckResult | undefined {
  const [first, ...rest] = ex.checks.filter((r) => r.status !== 'pass');
  if (!first || rest.length === 0) return undefined;
  return rest.every((r) => r.status === first.status && r.message === first.message) ? first : undefined;
}

function details(r: CheckResult): string[] {
  const label = { fail: 'FAIL: ', unchecked: 'unchecked: ', error: 'error: ', pass: '' }[r.status];
  const out = [
    ...(r.work ? [`you ran:  ${clip(oneLine(r.work.query))}${ranAt(r.work.ranAt)}`] : []),
    `${label}${clip(r.message, 400)}`,
  ];
  if (r.expected !== undefined) out.push(`expected: ${clip(show(r.expected))}`);
  if (r.actual !== undefined) out.push(`got:      ${clip(show(r.actual))}`);
  if (r.status === 'fail' && r.hint) out.push(`hint:     ${r.hint}`);
  if (r.todo) out.push(`to do:    ${r.todo}`);
  return out.map(printable);
}

const passes = (ex: ExerciseResult) => ex.checks.filter((r) => r.status === 'pass').length;
const ranAt = (iso: string | undefined, kept?: boolean) =>
  iso ? ` (at ${iso.slice(11, 19)}${kept ? ', kept' : ''})` : '';

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
