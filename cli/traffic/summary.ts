import type { Ledger } from './ledger.js';
import type { ModeName } from './modes.js';
import type { RequestRecord, RunOutcome } from './run.js';

/** One line of the end-of-run table: a method, path and status, with client-side latencies. */
export interface SummaryRow {
  method: string;
  path: string;
  status: number;
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** The `--json` document of `workshop traffic`. */
export interface TrafficSummary {
  mode: ModeName;
  seed: number;
  timeScale: number;
  baseUrl: string;
  startedAt: string;
  endedAt: string;
  wallSeconds: number;
  interrupted: boolean;
  totalRequests: number;
  rows: SummaryRow[];
  ledgerFile: string;
}

export interface RunFacts {
  mode: ModeName;
  seed: number;
  timeScale: number;
  baseUrl: string;
  webapp: Ledger['webapp'];
}

/** Records grouped by method, path and status, ordered by path then status. */
function groupRecords(records: readonly RequestRecord[]): RequestRecord[][] {
  const groups = new Map<string, RequestRecord[]>();
  for (const r of records) {
    const key = `${r.method} ${r.path} ${r.status}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].sort((a, b) => compareRecords(a[0], b[0]));
}

function compareRecords(a: RequestRecord | undefined, b: RequestRecord | undefined): number {
  if (!a || !b) return 0;
  return byText(a.path, b.path) || a.status - b.status || byText(a.method, b.method);
}

/** Code-point order: the same on every machine, whatever its locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function summaryRows(records: readonly RequestRecord[]): SummaryRow[] {
  return groupRecords(records).map((group) => {
    const latencies = group.map((r) => r.latencyMs).sort((x, y) => x - y);
    const first = group[0] as RequestRecord;
    return {
      method: first.method,
      path: first.path,
      status: first.status,
      count: group.length,
      p50Ms: roundMs(percentile(latencies, 50)),
      p95Ms: roundMs(percentile(latencies, 95)),
      maxMs: roundMs(latencies.at(-1) ?? 0),
    };
  });
}

/** Nearest-rank percentile of ascending values: always one of the measured values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** What the run really sent, in the ledger's shape. */
export function ledgerOf(outcome: RunOutcome, facts: RunFacts): Ledger {
  return {
    version: 2,
    ...facts,
    startedAt: new Date(outcome.startedAtMs).toISOString(),
    endedAt: new Date(outcome.endedAtMs).toISOString(),
    interrupted: outcome.interrupted,
    requests: groupRecords(outcome.records).map((group) => {
      const { method, path, status } = group[0] as RequestRecord;
      return { method, path, status, count: group.length };
    }),
    delaysSent: outcome.delaysSent,
  };
}

export function summaryOf(outcome: RunOutcome, ledger: Ledger, ledgerFile: string): TrafficSummary {
  return {
    mode: ledger.mode as ModeName,
    seed: ledger.seed,
    timeScale: ledger.timeScale,
    baseUrl: ledger.baseUrl,
    startedAt: ledger.startedAt,
    endedAt: ledger.endedAt,
    wallSeconds: Math.round(outcome.wallMs) / 1000,
    interrupted: outcome.interrupted,
    totalRequests: outcome.records.length,
    rows: summaryRows(outcome.records),
    ledgerFile,
  };
}
