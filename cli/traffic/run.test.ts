import { setTimeout as realSleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type Plan, type PlanOptions, planTraffic } from './plan.js';
import { seededRng } from './random.js';
import type { PlannedRequest } from './requests.js';
import { type RunDeps, type Send, startRun } from './run.js';

function plan(mode: PlanOptions['mode'], extra: Partial<PlanOptions> = {}): Plan {
  return planTraffic(
    {
      mode,
      count: undefined,
      timeScale: 1,
      floodPath: '/health',
      floodSeconds: 1,
      ratePerSecond: undefined,
      ...extra,
    },
    seededRng(1),
  );
}

/** Deps on a virtual clock: sleeping moves time forward at once, so schedules are exact and instant. */
function virtualDeps(send: Send, overrides: Partial<RunDeps> = {}) {
  const clock = { t: 0 };
  const deps: RunDeps = {
    send,
    now: () => clock.t,
    wallNow: () => Date.UTC(2025, 0, 1) + clock.t,
    sleep: async (ms) => {
      clock.t += ms;
    },
    signal: new AbortController().signal,
    concurrency: 32,
    graceMs: 2_000,
    ...overrides,
  };
  return { clock, deps };
}

describe('startRun schedules', () => {
  it("starts each paced batch on the phase's fixed beat, and each phase after the previous answered", async () => {
    const starts: Array<{ path: string; t: number }> = [];
    const { clock, deps } = virtualDeps(async (r) => {
      starts.push({ path: r.path, t: clock.t });
      return { status: 200 };
    });
    const outcome = await startRun(plan('demo'), deps).done;
    expect(outcome.records).toHaveLength(160);
    expect(outcome.interrupted).toBe(false);
    const steady = starts.slice(0, 60);
    expect(steady.map((s) => s.t)).toEqual(Array.from({ length: 60 }, (_, i) => Math.floor(i / 2) * 1000));
    const notFound = starts.slice(-40);
    const phase5Start = notFound[0]?.t ?? Number.NaN;
    expect(notFound.map((s) => s.t - phase5Start)).toEqual(
      Array.from({ length: 40 }, (_, i) => Math.floor(i / 2) * 800),
    );
    expect(outcome.wallMs).toBe(29_000 + 19 * 800);
  });

  it('never has more requests in flight than --concurrency, or than a phase allows', async () => {
    for (const [mode, limit, expected] of [
      ['quick', 4, 50],
      ['memory', 32, 10],
    ] as const) {
      let inFlight = 0;
      let most = 0;
      const send: Send = async () => {
        most = Math.max(most, ++inFlight);
        await realSleep(2);
        inFlight--;
        return { status: 200 };
      };
      const outcome = await startRun(plan(mode), { ...virtualDeps(send).deps, concurrency: limit }).done;
      expect(outcome.records).toHaveLength(expected);
      expect(most).toBe(Math.min(limit, 4));
    }
  });

  it('records each answer, and every /delay value in the order sent', async () => {
    const { deps } = virtualDeps(async (r) => ({ status: r.path === '/users' ? 404 : 200 }));
    const p = plan('demo', { timeScale: 0.5 });
    const outcome = await startRun(p, deps).done;
    expect(outcome.delaysSent).toEqual(Array.from({ length: 20 }, (_, i) => (21 + i) / 20));
    const recorded = outcome.records.flatMap((r) => (r.delaySeconds === undefined ? [] : [r.delaySeconds]));
    expect(recorded.sort((a, b) => a - b)).toEqual(outcome.delaysSent);
    expect(outcome.records.filter((r) => r.status === 404).map((r) => r.path)).toEqual(
      Array(20).fill('/users'),
    );
  });

  it('turns a send that throws into a request without response instead of losing it', async () => {
    const { deps } = virtualDeps(async () => {
      throw new Error('boom');
    });
    const outcome = await startRun(plan('errors'), deps).done;
    expect(outcome.records).toHaveLength(40);
    expect(outcome.records.every((r) => r.status === 0 && r.error === 'Error: boom')).toBe(true);
  });
});

describe('startRun floods', () => {
  it('at a fixed rate, sends rate × duration requests', async () => {
    const { deps } = virtualDeps(async () => ({ status: 200 }));
    const outcome = await startRun(plan('flood', { floodSeconds: 2, ratePerSecond: 50 }), deps).done;
    expect(outcome.records).toHaveLength(100);
  });

  it('as fast as possible, keeps sending until the time is up', async () => {
    const clock = { t: 0 };
    const { deps } = virtualDeps(async () => {
      clock.t += 1; // each request "takes" a millisecond
      return { status: 200 };
    });
    const outcome = await startRun(plan('flood', { floodSeconds: 0.1 }), {
      ...deps,
      now: () => clock.t,
      concurrency: 1,
    }).done;
    expect(outcome.records).toHaveLength(100);
  });
});

describe('startRun stops', () => {
  /** A send the test answers by hand; a cut-off answers at once without a status. */
  function manualSend() {
    const pending: Array<{ request: PlannedRequest; answer: (status: number) => void }> = [];
    const send: Send = (request, signal) =>
      new Promise((resolve) => {
        pending.push({ request, answer: (status) => resolve({ status }) });
        signal.addEventListener('abort', () => resolve({ status: 0, error: 'cut off' }), { once: true });
      });
    return { pending, send };
  }

  it('starts nothing after the stop, lets requests in flight answer, and says it was interrupted', async () => {
    const stop = new AbortController();
    const { pending, send } = manualSend();
    const run = startRun(plan('quick'), {
      ...virtualDeps(send).deps,
      sleep: (ms, signal) => realSleep(ms, undefined, { signal }),
      concurrency: 5,
      signal: stop.signal,
    });
    await realSleep(10);
    expect(run.progress()).toMatchObject({ sent: 5, inFlight: 5 });
    stop.abort();
    await realSleep(10);
    for (const p of pending) p.answer(200);
    const outcome = await run.done;
    expect(outcome.interrupted).toBe(true);
    expect(pending).toHaveLength(5);
    expect(outcome.records.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('cuts off requests still in flight once the grace time is over (virtual clock)', async () => {
    const stop = new AbortController();
    const { pending, send } = manualSend();
    const { clock, deps } = virtualDeps(send);
    const sleeps: number[] = [];
    // Every sleep moves the virtual clock; three requests fill the concurrency and never answer.
    const run = startRun(plan('sustained', { count: 60, timeScale: 0.01 }), {
      ...deps,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.t += ms;
      },
      concurrency: 3,
      signal: stop.signal,
      graceMs: 30,
    });
    await realSleep(0);
    expect(pending).toHaveLength(3);
    pending[0]?.answer(200);
    await realSleep(0);
    const before = clock.t;
    stop.abort();
    const outcome = await run.done;
    expect(sleeps.at(-1)).toBe(30);
    expect(clock.t - before).toBe(30);
    expect(outcome.interrupted).toBe(true);
    expect(outcome.records.filter((r) => r.status === 200)).toHaveLength(1);
    expect(outcome.records.filter((r) => r.status === 0)).toHaveLength(pending.length - 1);
    expect(outcome.records.length).toBe(pending.length);
  });

  it('tells every phase as it begins, however short', async () => {
    const phases: string[] = [];
    const { deps } = virtualDeps(async () => ({ status: 200 }), {
      onPhase: (i, n, name) => phases.push(`${i + 1}/${n} ${name}`),
    });
    await startRun(plan('demo', { timeScale: 0.001 }), deps).done;
    expect(phases).toHaveLength(5);
    expect(phases[0]).toMatch(/^1\/5 /);
  });

  it('a stop before the start sends nothing', async () => {
    const stop = new AbortController();
    stop.abort();
    const { pending, send } = manualSend();
    const outcome = await startRun(plan('quick'), { ...virtualDeps(send).deps, signal: stop.signal }).done;
    expect(pending).toEqual([]);
    expect(outcome).toMatchObject({ records: [], interrupted: true });
  });
});
