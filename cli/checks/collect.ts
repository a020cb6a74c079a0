import type { PromqlCheck } from '../../exercises/schema.js';
import { services } from '../stack/services.js';
import type { Ledger } from '../traffic/ledger.js';
import { type Observation, type Sample, samplesOf, type TrafficFacts, visibleSeries } from './observation.js';
import type { PromApi } from './prom-api.js';
import { countingSpan, ledgersInWindow, ledgersOfProcess, windowSeconds } from './traffic-facts.js';

const webappJob = services.webapp.job;
/** Assertions that compare with what the traffic ledgers say was sent. */
const ledgerKinds = new Set(['coversLedgerPaths', 'ledgerCounts', 'delayFloor', 'visibleShare']);

/**
 * Runs a check's query, and at the same instant the queries its assertions name: related
 * results, raw counter samples of the rate window, and where needed what the ledgers of the
 * running webapp can be compared with. The I/O half of a check; evaluation is pure.
 */
export async function collect(
  check: PromqlCheck,
  query: string,
  api: PromApi,
  ledgers: Ledger[],
  nowMs: number,
): Promise<Observation> {
  const time = nowMs / 1000;
  const at = async (q: string, t = time) => samplesOf((await api.query(q, t)).data);
  const main = await api.query(query, time);
  const related: Record<string, Sample[]> = {};
  const visible: Observation['visible'] = {};
  for (const a of check.assertions) {
    if (a.kind === 'compare') related[a.query] = await at(a.query);
    if (a.kind === 'conditionMatches') related[a.inner] = await at(a.inner);
    if (a.kind === 'filterOf') related[a.query] = await at(a.query);
    if (a.kind === 'visibleShare' && a.of) related[a.of] = await at(a.of);
    if (a.kind === 'visibleShare' || a.kind === 'positiveWhereCounted' || a.kind === 'perSecondOf')
      visible[a.counter] = visibleSeries((await api.query(`${a.counter}[${windowSeconds}s]`, time)).data);
  }
  const wantsLedger = check.assertions.some((a) => ledgerKinds.has(a.kind));
  return {
    samples: samplesOf(main.data),
    time,
    warnings: main.warnings,
    infos: main.infos,
    related,
    visible,
    traffic: wantsLedger ? await trafficFacts(check, query, api, ledgers, nowMs) : undefined,
  };
}

async function trafficFacts(
  check: PromqlCheck,
  query: string,
  api: PromApi,
  all: Ledger[],
  nowMs: number,
): Promise<TrafficFacts> {
  const time = nowMs / 1000;
  const start = samplesOf((await api.query(`process_start_time_seconds{job="${webappJob}"}`, time)).data)[0];
  const { ledgers, none } = ledgersOfProcess(all, start?.value);
  const facts: TrafficFacts = { none, inWindow: ledgersInWindow(ledgers, nowMs), counts: undefined };
  if (none || !check.assertions.some((a) => a.kind === 'ledgerCounts')) return facts;
  // The webapp's scrape times since the earliest run of this process, from `up`'s raw samples.
  const earliest = Math.min(...ledgers.map((l) => Date.parse(l.startedAt)));
  const seconds = Math.min(7 * 86_400, Math.ceil((nowMs - earliest) / 1000) + 60);
  const scrapes = (await api.query(`up{job="${webappJob}"}[${seconds}s]`, time)).data;
  const scrapesMs =
    scrapes.resultType === 'matrix'
      ? (scrapes.result[0]?.values ?? []).map(([t]) => Math.round(t * 1000))
      : [];
  const span = countingSpan(ledgers, scrapesMs);
  if ('notYet' in span) return { ...facts, counts: span };
  const valueAt = async (ms: number) => samplesOf((await api.query(query, ms / 1000)).data);
  return {
    ...facts,
    counts: {
      group: span.group,
      // No scrape before the first run: the counters started at zero with the process.
      before: span.beforeMs === undefined ? [] : await valueAt(span.beforeMs),
      after: await valueAt(span.afterMs),
    },
  };
}
