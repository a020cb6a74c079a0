import { describe, expect, it } from 'vitest';
import { renderLedger, renderSummary } from './render.js';
import type { TrafficSummary } from './summary.js';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('pads text columns left and number columns right, two spaces apart', () => {
    expect(
      renderTable(
        ['PATH', 'N'],
        [
          ['/health', '7'],
          ['/', '120'],
        ],
        1,
      ),
    ).toEqual(['  PATH       N', '  /health    7', '  /        120']);
  });
});

const summary: TrafficSummary = {
  mode: 'errors',
  seed: 3,
  timeScale: 0.1,
  baseUrl: 'http://127.0.0.1:3001',
  startedAt: '2025-07-27T10:00:00.000Z',
  endedAt: '2025-07-27T10:00:01.000Z',
  wallSeconds: 1.234,
  interrupted: true,
  totalRequests: 3,
  rows: [
    { method: 'GET', path: '/error', status: 0, count: 1, p50Ms: 2000, p95Ms: 2000, maxMs: 2000 },
    { method: 'GET', path: '/error', status: 500, count: 2, p50Ms: 1.25, p95Ms: 3, maxMs: 3 },
  ],
  ledgerFile: '/state/traffic/x.json',
};

describe('renderSummary', () => {
  it('shows a row per path and status, the totals, the stop and the ledger', () => {
    expect(renderSummary(summary).split('\n')).toEqual([
      'errors against http://127.0.0.1:3001 (seed 3, time scale 0.1)',
      '',
      '  METHOD  PATH    STATUS  REQUESTS  P50 MS  P95 MS  MAX MS',
      '  GET     /error    none         1  2000.0  2000.0  2000.0',
      '  GET     /error     500         2     1.3     3.0     3.0',
      '  total                          3                  2000.0',
      '',
      '3 requests in 1.2 s — interrupted: these are the requests sent before the stop.',
      'Ledger: /state/traffic/x.json',
      '',
    ]);
  });
});

describe('renderLedger', () => {
  it('shows the run, its counts and the delays sent', () => {
    const text = renderLedger(
      {
        version: 2,
        webapp: { startTimeSeconds: null },
        mode: 'metrics',
        seed: 5,
        timeScale: 1,
        baseUrl: 'http://app',
        startedAt: 'a',
        endedAt: 'b',
        interrupted: false,
        requests: [{ method: 'GET', path: '/delay', status: 200, count: 4 }],
        delaysSent: [0.5, 2, 1],
      },
      '/f.json',
    );
    expect(text.split('\n')).toEqual([
      'Traffic run: metrics (seed 5, time scale 1)',
      '  app:     http://app',
      '  from:    a',
      '  to:      b',
      '  file:    /f.json',
      '',
      '  METHOD  PATH    STATUS  REQUESTS',
      '  GET     /delay     200         4',
      '  total                          4',
      '',
      '  /delay seconds sent: 3, from 0.5 to 2',
      '',
    ]);
  });
});
