import { Chalk } from 'chalk';
import { type CheckResult, counts, type RunSummary, score } from '../checks/results.js';

const marks = { pass: '✓', fail: '✗', skip: '○', error: '!' } as const;

/** The learner's report: a line per check, expected vs got and the hint only on failure, a score per exercise. */
export function renderHuman(summary: RunSummary, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const paint = { pass: c.green, fail: c.red, skip: c.dim, error: c.yellow } as const;
  const lines: string[] = [];
  for (const ex of summary.exercises) {
    const { score: got, maxScore } = score(ex);
    lines.push(c.bold(`${ex.id}: ${ex.title}`));
    for (const r of ex.checks) {
      lines.push(
        `  ${paint[r.status](marks[r.status])} ${r.id.padEnd(16)} ${r.title}${r.status === 'pass' ? c.dim(`  ${r.message}`) : ''}`,
      );
      if (r.status !== 'pass') lines.push(...details(r).map((d) => `      ${d}`));
    }
    lines.push(`  Score: ${got}/${maxScore}`, '');
  }
  const n = counts(summary);
  lines.push(
    `${n.passed} passed, ${n.failed} failed, ${n.skipped} skipped, ${n.errors} errors (${(summary.durationMs / 1000).toFixed(1)} s)`,
  );
  return `${lines.join('\n')}\n`;
}

function details(r: CheckResult): string[] {
  const out = [r.status === 'fail' ? `FAIL: ${r.message}` : r.message];
  if (r.expected !== undefined) out.push(`expected: ${show(r.expected)}`);
  if (r.actual !== undefined) out.push(`got:      ${show(r.actual)}`);
  if (r.status === 'fail' && r.hint) out.push(`hint:     ${r.hint}`);
  return out;
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
