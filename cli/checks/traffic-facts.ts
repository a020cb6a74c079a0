import type { Ledger } from '../traffic/ledger.js';

/** The rate window of the exercise's queries ([5m]). */
export const windowSeconds = 300;

const todoTraffic = 'run `workshop traffic quick`, wait a few seconds, and check again';

/**
 * The ledgers sent to the webapp process that runs now (same `process_start_time_seconds`):
 * counters restart with the process, so earlier ledgers say nothing about today's counters.
 */
export function ledgersOfProcess(
  ledgers: Ledger[],
  startTimeSeconds: number | undefined,
): { ledgers: Ledger[]; none: string | undefined } {
  if (ledgers.length === 0) return { ledgers, none: 'no traffic run is recorded' };
  if (startTimeSeconds === undefined)
    return { ledgers: [], none: 'Prometheus has no process start time of the webapp to match runs with' };
  const mine = ledgers.filter((l) => l.webapp.startTimeSeconds === startTimeSeconds);
  return mine.length
    ? { ledgers: mine, none: undefined }
    : { ledgers: [], none: 'no traffic run is recorded for the webapp process that runs now' };
}

export const noLedgerTodo = todoTraffic;

/** The runs that ended inside the rate window ending at `nowMs`. */
export function ledgersInWindow(ledgers: Ledger[], nowMs: number): Ledger[] {
  const start = nowMs - windowSeconds * 1000;
  return ledgers.filter((l) => Date.parse(l.endedAt) > start);
}

/**
 * Where to read the counter so that its increase is exactly what runs sent: the last scrape
 * before the latest run (and every run that overlaps the span since) began, and the first scrape
 * after it ended. Back-to-back runs share a span, because no scrape separates them.
 */
export function countingSpan(
  ledgers: Ledger[],
  scrapesMs: number[],
): { group: Ledger[]; beforeMs: number | undefined; afterMs: number } | { notYet: string } {
  const sorted = [...ledgers].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const latest = sorted.at(-1);
  if (!latest) return { notYet: 'no traffic run to count' };
  const scrapes = [...scrapesMs].sort((a, b) => a - b);
  const afterMs = scrapes.find((t) => t > Date.parse(latest.endedAt));
  if (afterMs === undefined)
    return { notYet: 'Prometheus has not scraped the webapp since the last traffic run ended' };
  let group = [latest];
  for (;;) {
    const start = Math.min(...group.map((l) => Date.parse(l.startedAt)));
    const beforeMs = scrapes.filter((t) => t < start).at(-1);
    const next = sorted.filter((l) => beforeMs === undefined || Date.parse(l.endedAt) > beforeMs);
    if (next.length === group.length) return { group, beforeMs, afterMs };
    group = next;
  }
}
