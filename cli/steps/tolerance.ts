import type { CheckResult } from '../checks/results.js';

/**
 * Which unchecked results a composite command does not count: those of a service the backend
 * does not run (its state says so, e.g. cAdvisor on the native backend). Any other unchecked
 * result still counts (exit 4).
 */
export function toleratedBy(unavailable: Record<string, string>): (check: CheckResult) => boolean {
  return (c) =>
    c.status === 'unchecked' &&
    c.unavailableService !== undefined &&
    unavailable[c.unavailableService] !== undefined;
}
