import type { Ledger } from '../traffic/ledger.js';

/** The rate window of the exercise's queries ([5m]). */
export const windowSeconds = 300;

/** Which traffic runs the window holds: ended inside it; covered when none began before it. */
export function ledgersInWindow(
  ledgers: Ledger[],
  nowMs: number,
): { inWindow: Ledger[]; windowCovered: boolean } {
  const start = nowMs - windowSeconds * 1000;
  const inWindow = ledgers.filter((l) => Date.parse(l.endedAt) > start);
  return { inWindow, windowCovered: inWindow.every((l) => Date.parse(l.startedAt) >= start) };
}
