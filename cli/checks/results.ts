import { ExitCode } from '../errors.js';
import type { Verdict } from './verdict.js';

/**
 * pass: saw the right thing. fail: saw something wrong. unchecked: could not compare (no
 * ledger, a service the check needs is missing, nothing in the window), with what to do.
 * error: Prometheus or Grafana did not do its part.
 */
export type CheckStatus = 'pass' | 'fail' | 'unchecked' | 'error';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** On fail: how to fix it. */
  hint?: string;
  /** On unchecked and error: what to do so that it can be checked. */
  todo?: string;
  /** Unchecked because the stack does not run this service (cAdvisor on the native backend). */
  unavailableService?: string;
  /** The learner's own query behind this verdict (graded from the query log or an answers file). */
  work?: { query: string; ranAt?: string; difference?: string };
  /** A pass kept in the state dir from an earlier grading (it counts even when Prometheus is down now). */
  kept?: boolean;
  /** False: the learner has not tried this check yet (it is unchecked, "not attempted"). */
  attempted?: boolean;
  /** The learner's tries at this check so far (queries most like it; saves in Grafana) and the first one's time. */
  tries?: { count: number; firstAtMs: number };
  points: number;
  attempts: number;
  durationMs: number;
}

export interface ExerciseResult {
  id: string;
  title: string;
  /**
   * For a PromQL exercise: "work" grades what the learner ran (the query log, or --answers) and
   * is the score; "stack" runs the exercise's own queries, to say whether the data is there.
   */
  section?: 'work' | 'stack';
  /** What the whole exercise's report should say first (e.g. a Grafana version it was not tested with). */
  notes?: string[];
  checks: CheckResult[];
}

export interface RunSummary {
  exercises: ExerciseResult[];
  startedAt: number;
  durationMs: number;
}

interface CheckLike {
  id: string;
  title: string;
  points: number;
  hint?: string;
}

/** A check's verdict as a result: the hint for the mistake on failure, what to do when unchecked. */
export function resultOf(check: CheckLike, v: Verdict, attempts: number, durationMs: number): CheckResult {
  const base = { id: check.id, title: check.title, points: check.points, attempts, durationMs };
  switch (v.outcome) {
    case 'pass':
      return { ...base, status: 'pass', message: v.note ?? 'as expected' };
    case 'unchecked':
      return { ...base, status: 'unchecked', message: v.message, todo: v.todo };
    case 'fail': {
      const hint = v.hint ?? check.hint;
      return {
        ...base,
        status: 'fail',
        message: v.message,
        ...(v.expected !== undefined ? { expected: v.expected } : {}),
        ...(v.actual !== undefined ? { actual: v.actual } : {}),
        ...(hint ? { hint } : {}),
        ...(v.absent ? { attempted: false } : {}),
      };
    }
  }
}

/** A check that could not run because an upstream service failed. */
export function errorOf(
  check: CheckLike,
  error: { message: string; hint?: string | undefined },
  attempts: number,
  durationMs: number,
): CheckResult {
  return {
    id: check.id,
    title: check.title,
    points: check.points,
    attempts,
    durationMs,
    status: 'error',
    message: error.message,
    ...(error.hint ? { todo: error.hint } : {}),
  };
}

/** A check that was not tried (nothing to grade it with), with why and what to do. */
export function uncheckedOf(
  check: CheckLike,
  why: { message: string; todo: string; unavailableService?: string },
): CheckResult {
  return {
    id: check.id,
    title: check.title,
    points: check.points,
    attempts: 0,
    durationMs: 0,
    status: 'unchecked',
    ...why,
  };
}

/** Points for passes only, out of every check that was run (unchecked and not attempted included). */
export function score(ex: ExerciseResult): { score: number; maxScore: number } {
  return {
    score: ex.checks.filter((c) => c.status === 'pass').reduce((n, c) => n + c.points, 0),
    maxScore: ex.checks.reduce((n, c) => n + c.points, 0),
  };
}

export function counts(summary: RunSummary) {
  const all = summary.exercises.flatMap((e) => e.checks);
  const n = (s: CheckStatus) => all.filter((c) => c.status === s).length;
  return { passed: n('pass'), failed: n('fail'), unchecked: n('unchecked'), errors: n('error') };
}

/**
 * Errors (could not check, upstream's fault) outrank failures (checked, wrong), which outrank
 * unchecked ones (nothing to compare). `tolerated` unchecked results (a composite command's
 * known gaps, such as cAdvisor on the native backend) do not count.
 */
export function exitCodeFor(
  summary: RunSummary,
  tolerated: (c: CheckResult) => boolean = () => false,
): ExitCode {
  const all = summary.exercises.flatMap((e) => e.checks);
  if (all.some((c) => c.status === 'error')) return ExitCode.upstream;
  if (all.some((c) => c.status === 'fail')) return ExitCode.failed;
  if (all.some((c) => c.status === 'unchecked' && !tolerated(c))) return ExitCode.unchecked;
  return ExitCode.ok;
}

/** One outcome for every check of an exercise: Prometheus unreachable (error), no Grafana (unchecked), … */
export function everyCheck(
  ex: { id: string; title: string; checks: readonly CheckLike[] },
  only: ((id: string) => boolean) | undefined,
  make: (check: CheckLike) => CheckResult,
): ExerciseResult {
  return { id: ex.id, title: ex.title, checks: ex.checks.filter((c) => only?.(c.id) ?? true).map(make) };
}
