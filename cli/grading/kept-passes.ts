import type { CheckResult } from '../checks/results.js';
import { errorOf } from '../checks/results.js';
import type { FirstPasses } from '../learner/first-passes.js';

interface CheckLike {
  id: string;
  title: string;
  points: number;
}

/** A pass kept in the state dir, as a result: it counts, whatever Prometheus says now. */
export function keptPass(check: CheckLike, earlier: FirstPasses[string]): CheckResult {
  const ranAt = new Date(earlier.atMs).toISOString();
  return {
    id: check.id,
    title: check.title,
    points: check.points,
    attempts: 1,
    durationMs: 0,
    status: 'pass',
    message: `passed at ${ranAt}`,
    kept: true,
    attempted: true,
    work: { query: earlier.query, ranAt },
  };
}

/**
 * Prometheus did not answer: a kept pass stays a pass (marked kept) and counts in the score;
 * only the steps not passed yet are errors.
 */
export function keptPassesOrErrors(
  checks: readonly CheckLike[],
  firstPasses: FirstPasses,
  error: { message: string; hint?: string | undefined },
): CheckResult[] {
  return checks.map((c) => {
    const earlier = firstPasses[c.id];
    return earlier ? keptPass(c, earlier) : errorOf(c, error, 1, 0);
  });
}
