import { met } from '../stack/host-readiness.js';
import type { Requirement } from '../stack/requirements.js';
import type { StepRecord } from './runner.js';

export type PreflightVerdict = 'ready' | 'exercise-1 only' | 'not ready';

/** A step as an item of preflight's checklist: met, or what it found and what to do. */
export function itemOf(r: StepRecord): Requirement {
  const ok = r.outcome === 'ok';
  return {
    name: r.name,
    ok,
    detail: r.detail ?? '',
    ...(!ok && r.fix !== undefined ? { fix: r.fix } : {}),
    ...(r.optional ? { optional: true } : {}),
  };
}

/**
 * Not ready while anything required is not met (the host's items, or a step of the stack);
 * Exercise 1 only when just an optional step did not go well (exercise 2's Grafana).
 */
export function preflightVerdict(
  host: Requirement[],
  steps: StepRecord[],
): { verdict: PreflightVerdict; items: Requirement[] } {
  const items = [...host, ...steps.map(itemOf)];
  const verdict = !met(items)
    ? 'not ready'
    : steps.some((s) => s.optional && s.outcome !== 'ok')
      ? 'exercise-1 only'
      : 'ready';
  return { verdict, items };
}
