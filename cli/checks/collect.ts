import type { Ledger } from '../traffic/ledger.js';
import { type Observation, samplesOf } from './observation.js';
import type { PromApi } from './prom-api.js';
import type { PromqlCheck } from './schema.js';
import { ledgersInWindow } from './traffic-facts.js';

/** Runs a check's query (and the queries its assertions name) at one instant. The I/O half of a check. */
export async function collect(
  check: PromqlCheck,
  query: string,
  api: PromApi,
  ledgers: Ledger[],
  nowMs: number,
): Promise<Observation> {
  const time = nowMs / 1000;
  const main = await api.query(query, time);
  const related: Record<string, ReturnType<typeof samplesOf>> = {};
  for (const a of check.assertions) {
    if (a.kind === 'compare') related[a.query] = samplesOf((await api.query(a.query, time)).data);
  }
  const samples = samplesOf(main.data);
  const { inWindow, windowCovered } = ledgersInWindow(ledgers, nowMs);
  const latest = inWindow.at(-1);
  const wantsCounts = check.assertions.some((a) => a.kind === 'ledgerCounts');
  // The counter just before the latest run began, and now: their difference is what the run added.
  const before =
    latest && wantsCounts
      ? samplesOf((await api.query(query, Date.parse(latest.startedAt) / 1000 - 0.001)).data)
      : undefined;
  return {
    samples,
    time,
    warnings: main.warnings,
    infos: main.infos,
    related,
    traffic: ledgers.length
      ? { inWindow, windowCovered, before, after: wantsCounts ? samples : undefined }
      : undefined,
  };
}
