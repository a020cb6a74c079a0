import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSamples, parseExposition } from '../../webapp/test/exposition.js';
import { startTestApp, type TestApp } from '../../webapp/test/harness.js';
import type { Ledger } from './ledger.js';
import type { ModeName } from './modes.js';
import { type Plan, planTraffic } from './plan.js';
import { seededRng } from './random.js';
import { startRun } from './run.js';
import { createSender } from './sender.js';
import { ledgerOf } from './summary.js';

// The generator against the real webapp, in-process: what the ledger says was sent must be exactly
// what the app counted in its own metrics: nothing lost, nothing invented.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Counts = Record<string, number>;

/** The app's request counters right now, keyed `METHOD path status` and `METHOD status`. */
async function appCounters(): Promise<{ byPath: Counts; byStatus: Counts }> {
  const samples = parseExposition((await app.get('/metrics')).text);
  const byPath: Counts = {};
  for (const s of findSamples(samples, 'flask_http_request_duration_seconds_count')) {
    byPath[`${s.labels.method} ${s.labels.path} ${s.labels.status}`] = s.value;
  }
  const byStatus: Counts = {};
  for (const s of findSamples(samples, 'flask_http_request_total')) {
    byStatus[`${s.labels.method} ${s.labels.status}`] = s.value;
  }
  return { byPath, byStatus };
}

function increase(after: Counts, before: Counts): Counts {
  const out: Counts = {};
  for (const [key, value] of Object.entries(after)) {
    const delta = value - (before[key] ?? 0);
    if (delta !== 0) out[key] = delta;
  }
  return out;
}

function ledgerCounts(ledger: Ledger): { byPath: Counts; byStatus: Counts } {
  const byPath: Counts = {};
  const byStatus: Counts = {};
  for (const r of ledger.requests) {
    byPath[`${r.method} ${r.path} ${r.status}`] = r.count;
    byStatus[`${r.method} ${r.status}`] = (byStatus[`${r.method} ${r.status}`] ?? 0) + r.count;
  }
  return { byPath, byStatus };
}

function plan(mode: ModeName, seed: number, count?: number): Plan {
  return planTraffic(
    { mode, count, timeScale: 0.01, floodPath: '/health', floodSeconds: 1, ratePerSecond: undefined },
    seededRng(seed),
  );
}

/** Runs a plan against the app and returns its ledger and what the app counted meanwhile. */
async function runAgainstApp(p: Plan, seed: number, stop = new AbortController().signal) {
  const before = await appCounters();
  const sender = createSender(app.url, 32);
  try {
    const outcome = await startRun(p, {
      send: sender.send,
      now: () => performance.now(),
      wallNow: () => Date.now(),
      sleep: (ms, signal) => sleep(ms, undefined, { signal }),
      signal: stop,
      concurrency: 32,
      graceMs: 2_000,
    }).done;
    const ledger = ledgerOf(outcome, {
      mode: p.mode,
      seed,
      timeScale: 0.01,
      baseUrl: app.url,
      webapp: { startTimeSeconds: null },
    });
    const after = await appCounters();
    const counted = {
      byPath: increase(after.byPath, before.byPath),
      byStatus: increase(after.byStatus, before.byStatus),
    };
    return { ledger, counted };
  } finally {
    await sender.close();
  }
}

function byPath(ledger: Ledger): Counts {
  const out: Counts = {};
  for (const r of ledger.requests) out[r.path] = (out[r.path] ?? 0) + r.count;
  return out;
}

describe('the ledger against the webapp’s own counters', () => {
  it.each(['quick', 'demo', 'errors', 'metrics', 'cpu', 'memory', 'delay', 'error-test'] as const)(
    '%s: every request the ledger lists, the app counted, and no other',
    async (mode) => {
      const { ledger, counted } = await runAgainstApp(plan(mode, 11), 11);
      expect(ledger.interrupted).toBe(false);
      expect(ledger.requests.every((r) => r.status > 0)).toBe(true);
      expect(counted).toEqual(ledgerCounts(ledger));
    },
  );

  it('quick with a fixed seed sends the original mix, and the delays the plan chose', async () => {
    const p = plan('quick', 7);
    const { ledger, counted } = await runAgainstApp(p, 7);
    expect(byPath(ledger)).toEqual({
      '/': 12,
      '/business-metrics': 6,
      '/cpu-intensive': 5,
      '/delay': 6,
      '/error': 5,
      '/health': 11,
      '/memory-usage': 5,
    });
    expect(counted).toEqual(ledgerCounts(ledger));
    const planned = p.phases.flatMap((ph) => (ph.kind === 'paced' ? ph.batches.flat() : []));
    expect(ledger.delaysSent).toEqual(
      planned.flatMap((r) => (r.delaySeconds === undefined ? [] : [r.delaySeconds])),
    );
    for (const d of ledger.delaysSent) expect(d).toBeGreaterThanOrEqual(0.05);
    for (const d of ledger.delaysSent) expect(d).toBeLessThanOrEqual(0.249);
  });

  it('demo sends its twenty deliberate /users 404s, and the app sees them as such', async () => {
    const { ledger, counted } = await runAgainstApp(plan('demo', 3), 3);
    expect(ledger.requests).toContainEqual({ method: 'GET', path: '/users', status: 404, count: 20 });
    expect(counted.byPath['GET /users 404']).toBe(20);
  });

  it('a stop mid-run leaves a partial ledger, marked interrupted, that still matches the app', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 500);
    const { ledger, counted } = await runAgainstApp(plan('sustained', 5), 5, stop.signal);
    expect(ledger.interrupted).toBe(true);
    const sent = ledger.requests.reduce((sum, r) => sum + r.count, 0);
    expect(sent).toBeGreaterThan(10);
    expect(sent).toBeLessThan(600);
    expect(counted).toEqual(ledgerCounts(ledger));
  });
});
