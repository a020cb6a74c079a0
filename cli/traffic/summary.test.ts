import { describe, expect, it } from 'vitest';
import type { RequestRecord, RunOutcome } from './run.js';
import { ledgerOf, percentile, summaryRows } from './summary.js';

const record = (path: string, status: number, latencyMs: number): RequestRecord => ({
  method: 'GET',
  path,
  status,
  latencyMs,
  delaySeconds: undefined,
  error: undefined,
});

describe('percentile', () => {
  it('is the nearest rank: always a measured value', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('summaryRows', () => {
  it('groups by path and status, ordered, with p50 / p95 / max per group', () => {
    const records = [
      record('/error', 500, 3),
      record('/health', 200, 2),
      record('/error', 200, 1.26),
      record('/health', 200, 4),
      record('/health', 200, 1),
      record('/error', 0, 10_000),
    ];
    expect(summaryRows(records)).toEqual([
      { method: 'GET', path: '/error', status: 0, count: 1, p50Ms: 10_000, p95Ms: 10_000, maxMs: 10_000 },
      { method: 'GET', path: '/error', status: 200, count: 1, p50Ms: 1.3, p95Ms: 1.3, maxMs: 1.3 },
      { method: 'GET', path: '/error', status: 500, count: 1, p50Ms: 3, p95Ms: 3, maxMs: 3 },
      { method: 'GET', path: '/health', status: 200, count: 3, p50Ms: 2, p95Ms: 4, maxMs: 4 },
    ]);
  });
});

describe('ledgerOf', () => {
  it('counts every record once, keeps the delays in order, and dates the run', () => {
    const outcome: RunOutcome = {
      records: [record('/delay', 200, 1), record('/users', 404, 1), record('/delay', 200, 1)],
      delaysSent: [2.1, 0.5],
      interrupted: true,
      startedAtMs: Date.UTC(2025, 6, 27, 10, 0, 0),
      endedAtMs: Date.UTC(2025, 6, 27, 10, 0, 3),
      wallMs: 3000,
    };
    expect(
      ledgerOf(outcome, {
        mode: 'demo',
        seed: 9,
        timeScale: 0.5,
        baseUrl: 'http://x',
        webapp: { startTimeSeconds: 7 },
      }),
    ).toEqual({
      version: 2,
      webapp: { startTimeSeconds: 7 },
      mode: 'demo',
      seed: 9,
      timeScale: 0.5,
      baseUrl: 'http://x',
      startedAt: '2025-07-27T10:00:00.000Z',
      endedAt: '2025-07-27T10:00:03.000Z',
      interrupted: true,
      requests: [
        { method: 'GET', path: '/delay', status: 200, count: 2 },
        { method: 'GET', path: '/users', status: 404, count: 1 },
      ],
      delaysSent: [2.1, 0.5],
    });
  });
});
