import { counts, type RunSummary, score } from '../checks/results.js';

/** The stable `--json` document: the only thing on stdout in that mode. */
export function renderJson(summary: RunSummary): string {
  const doc = {
    exercises: summary.exercises.map((ex) => ({
      id: ex.id,
      ...score(ex),
      checks: ex.checks.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        message: c.message,
        ...(c.expected !== undefined ? { expected: c.expected } : {}),
        ...(c.actual !== undefined ? { actual: c.actual } : {}),
        ...(c.hint !== undefined && c.status === 'fail' ? { hint: c.hint } : {}),
      })),
    })),
    summary: counts(summary),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
