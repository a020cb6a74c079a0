import type { CheckResult, ExerciseResult } from '../checks/results.js';

/** What a class sees of one check: never the query text or a password, only a state, counts and times. */
export const checkStates = ['pass', 'fail', 'unchecked', 'not_attempted', 'error'] as const;
export type CheckState = (typeof checkStates)[number];

export interface CheckProgress {
  id: string;
  state: CheckState;
  points: number;
  tries: number;
  firstTryAtMs?: number;
  firstPassAtMs?: number;
}

export interface ExerciseProgress {
  exercise: string;
  checks: CheckProgress[];
  score: number;
  maxScore: number;
}

/** A check the learner has not touched is "not attempted", whatever the grader's status says. */
export function stateOf(c: CheckResult): CheckState {
  if (c.status === 'pass') return 'pass';
  if (c.attempted === false) return 'not_attempted';
  return c.status;
}

/**
 * An exercise's grading as progress: the first pass of each check comes from `firstPasses` (kept
 * in the state dir), so it is when the learner first got it right, not when this grading ran.
 */
export function progressOf(
  result: ExerciseResult,
  firstPasses: Record<string, { atMs: number }>,
): ExerciseProgress {
  const checks = result.checks.map((c): CheckProgress => {
    const firstPass = firstPasses[c.id]?.atMs;
    return {
      id: c.id,
      state: stateOf(c),
      points: c.points,
      tries: c.tries?.count ?? 0,
      ...(c.tries ? { firstTryAtMs: c.tries.firstAtMs } : {}),
      ...(c.status === 'pass' && firstPass !== undefined ? { firstPassAtMs: firstPass } : {}),
    };
  });
  return {
    exercise: result.id,
    checks,
    score: checks.filter((c) => c.state === 'pass').reduce((n, c) => n + c.points, 0),
    maxScore: checks.reduce((n, c) => n + c.points, 0),
  };
}
