import { counts, type RunSummary, score } from '../checks/results.js';

/** The stable `--json` report: exercises with their scores and checks, and the counts. */
export function reportDocument(summary: RunSummary) {
  return {
    exercises: summary.exercises.map((ex) => ({
      id: ex.id,
      ...(ex.section ? { section: ex.section } : {}),
      ...(ex.notes?.length ? { notes: ex.notes } : {}),
      ...score(ex),
      checks: ex.checks.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        message: c.message,
        ...(c.expected !== undefined ? { expected: c.expected } : {}),
        ...(c.actual !== undefined ? { actual: c.actual } : {}),
        ...(c.hint !== undefined && c.status === 'fail' ? { hint: c.hint } : {}),
        ...(c.todo !== undefined ? { todo: c.todo } : {}),
        ...(c.unavailableService !== undefined ? { unavailableService: c.unavailableService } : {}),
        ...(c.work ? { work: c.work } : {}),
        ...(c.kept ? { kept: true } : {}),
        ...(c.attempted === false ? { attempted: false } : {}),
      })),
    })),
    summary: counts(summary),
  };
}

/** The document as the only thing on stdout in `--json` mode. */
export function renderJson(summary: RunSummary): string {
  return `${JSON.stringify(reportDocument(summary), null, 2)}\n`;
}
