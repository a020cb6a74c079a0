import { ExitCode } from '../errors.js';

export type CheckStatus = 'pass' | 'fail' | 'skip' | 'error';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  message: string;
  expected?: unknown;
  actual?: unknown;
  hint?: string;
  points: number;
  attempts: number;
  durationMs: number;
}

export interface ExerciseResult {
  id: string;
  title: string;
  checks: CheckResult[];
}

export interface RunSummary {
  exercises: ExerciseResult[];
  startedAt: number;
  durationMs: number;
}

export function score(ex: ExerciseResult): { score: number; maxScore: number } {
  const counted = ex.checks.filter((c) => c.status !== 'skip');
  return {
    score: counted.filter((c) => c.status === 'pass').reduce((n, c) => n + c.points, 0),
    maxScore: counted.reduce((n, c) => n + c.points, 0),
  };
}

export function counts(summary: RunSummary) {
  const all = summary.exercises.flatMap((e) => e.checks);
  const n = (s: CheckStatus) => all.filter((c) => c.status === s).length;
  return { passed: n('pass'), failed: n('fail'), skipped: n('skip'), errors: n('error') };
}

/** Errors (could not check) outrank failures (checked, wrong). */
export function exitCodeFor(summary: RunSummary): ExitCode {
  const c = counts(summary);
  if (c.errors > 0) return ExitCode.upstream;
  if (c.failed > 0) return ExitCode.failed;
  return ExitCode.ok;
}

/** One outcome for every check of an exercise: Prometheus unreachable (error), no Grafana (skip), … */
export function everyCheck(
  ex: { id: string; title: string; checks: { id: string; title: string; points: number }[] },
  only: ((id: string) => boolean) | undefined,
  status: CheckStatus,
  message: string,
): ExerciseResult {
  return {
    id: ex.id,
    title: ex.title,
    checks: ex.checks
      .filter((c) => only?.(c.id) ?? true)
      .map((c) => ({
        id: c.id,
        title: c.title,
        status,
        message,
        points: c.points,
        attempts: 0,
        durationMs: 0,
      })),
  };
}
