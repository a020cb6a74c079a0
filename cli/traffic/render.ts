import type { Ledger } from './ledger.js';
import type { TrafficSummary } from './summary.js';
import { renderTable, statusText } from './table.js';

/** The human end-of-run report of `workshop traffic`. Pure. */
export function renderSummary(summary: TrafficSummary): string {
  const rows = summary.rows.map((r) => [
    r.method,
    r.path,
    statusText(r.status),
    String(r.count),
    ms(r.p50Ms),
    ms(r.p95Ms),
    ms(r.maxMs),
  ]);
  const slowest = Math.max(0, ...summary.rows.map((r) => r.maxMs));
  rows.push(['total', '', '', String(summary.totalRequests), '', '', ms(slowest)]);
  const titles = ['METHOD', 'PATH', 'STATUS', 'REQUESTS', 'P50 MS', 'P95 MS', 'MAX MS'];
  const table = renderTable(titles, rows, 2);
  const lines = [
    `${summary.mode} against ${summary.baseUrl} (seed ${summary.seed}, time scale ${summary.timeScale})`,
    '',
    ...table,
    '',
    `${summary.totalRequests} requests in ${summary.wallSeconds.toFixed(1)} s${summary.interrupted ? ' — interrupted: these are the requests sent before the stop' : ''}.`,
    `Ledger: ${summary.ledgerFile}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One recorded run, for `workshop ledger`. Pure. */
export function renderLedger(ledger: Ledger, file: string): string {
  const total = ledger.requests.reduce((sum, r) => sum + r.count, 0);
  const table = renderTable(
    ['METHOD', 'PATH', 'STATUS', 'REQUESTS'],
    [
      ...ledger.requests.map((r) => [r.method, r.path, statusText(r.status), String(r.count)]),
      ['total', '', '', String(total)],
    ],
    2,
  );
  const delays = ledger.delaysSent;
  const lines = [
    `Traffic run: ${ledger.mode} (seed ${ledger.seed}, time scale ${ledger.timeScale})${ledger.interrupted ? ' — interrupted' : ''}`,
    `  app:     ${ledger.baseUrl}`,
    `  from:    ${ledger.startedAt}`,
    `  to:      ${ledger.endedAt}`,
    `  file:    ${file}`,
    '',
    ...table,
  ];
  if (delays.length > 0) {
    lines.push(
      '',
      `  /delay seconds sent: ${delays.length}, from ${delays.reduce((a, b) => Math.min(a, b))} to ${delays.reduce((a, b) => Math.max(a, b))}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function ms(value: number): string {
  return value.toFixed(1);
}
