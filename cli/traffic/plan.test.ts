import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { type ModeName, resolveMode } from './modes.js';
import { type PacedPhase, type Plan, type PlanOptions, plannedCount, planTraffic } from './plan.js';
import { seededRng } from './random.js';
import type { PlannedRequest } from './requests.js';

function plan(mode: ModeName, extra: Partial<PlanOptions> = {}, seed = 42): Plan {
  const options: PlanOptions = {
    mode,
    count: undefined,
    timeScale: 1,
    floodPath: '/health',
    floodSeconds: 5,
    ratePerSecond: undefined,
    ...extra,
  };
  return planTraffic(options, seededRng(seed));
}

function pacedPhases(p: Plan): PacedPhase[] {
  return p.phases.map((phase) => {
    if (phase.kind !== 'paced') throw new Error(`unexpected ${phase.kind} phase`);
    return phase;
  });
}

function requestsOf(p: Plan | PacedPhase): PlannedRequest[] {
  const phases = 'phases' in p ? pacedPhases(p) : [p];
  return phases.flatMap((phase) => phase.batches.flat());
}

function countByPath(requests: PlannedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.path] = (counts[r.path] ?? 0) + 1;
  return counts;
}

/** The numeric value of `name` in each request's query. */
function param(requests: PlannedRequest[], name: string): number[] {
  return requests.map((r) => {
    const value = new URLSearchParams(r.query).get(name);
    if (value === null) throw new Error(`${r.path}?${r.query} has no ${name}`);
    return Number(value);
  });
}

const on = (requests: PlannedRequest[], path: string) => requests.filter((r) => r.path === path);

function expectWithin(values: number[], min: number, max: number, step: number): void {
  for (const v of values) {
    expect(v).toBeGreaterThanOrEqual(min);
    expect(v).toBeLessThanOrEqual(max);
    expect(Math.abs(Math.round(v / step) * step - v)).toBeLessThan(1e-9);
  }
}

describe('quick', () => {
  it('sends the original 50: chosen by i % 9, with its counts per endpoint', () => {
    const requests = requestsOf(plan('quick'));
    expect(requests).toHaveLength(50);
    expect(countByPath(requests)).toEqual({
      '/health': 11,
      '/': 12,
      '/business-metrics': 6,
      '/delay': 6,
      '/error': 5,
      '/cpu-intensive': 5,
      '/memory-usage': 5,
    });
    const byRemainder = ['/health', '/health', '/', '/', '/business-metrics', '/delay', '/error'];
    byRemainder.push('/cpu-intensive', '/memory-usage');
    requests.forEach((r, index) => {
      expect(r.path).toBe(byRemainder[(index + 1) % 9]);
    });
  });

  it('keeps every parameter in the original ranges, and covers them over many seeds', () => {
    const all = Array.from({ length: 300 }, (_, seed) => requestsOf(plan('quick', {}, seed))).flat();
    const delays = param(on(all, '/delay'), 'seconds');
    expectWithin(delays, 5.0, 24.9, 0.1);
    expect(Math.min(...delays)).toBe(5);
    expect(Math.max(...delays)).toBe(24.9);
    const rates = param(on(all, '/error'), 'rate');
    expectWithin(rates, 20, 79, 1);
    expect([Math.min(...rates), Math.max(...rates)]).toEqual([20, 79]);
    const iterations = param(on(all, '/cpu-intensive'), 'iterations');
    expectWithin(iterations, 20_000, 49_999, 1);
    const sizes = param(on(all, '/memory-usage'), 'size');
    expectWithin(sizes, 5, 19, 1);
    expect([Math.min(...sizes), Math.max(...sizes)]).toEqual([5, 19]);
    const operations = new Set(on(all, '/business-metrics').map((r) => r.query));
    expect([...operations].sort()).toEqual(
      ['cart_add', 'checkout', 'payment', 'product_view', 'user_login'].map((o) => `operation=${o}`),
    );
  });

  it('formats delays like the original (one decimal) and records the value sent', () => {
    for (const r of on(requestsOf(plan('quick')), '/delay')) {
      expect(r.query).toMatch(/^seconds=\d+\.\d$/);
      expect(r.delaySeconds).toBe(Number(r.query.slice('seconds='.length)));
    }
  });

  it('runs everything in one concurrent batch', () => {
    const [phase, ...rest] = pacedPhases(plan('quick'));
    expect(rest).toEqual([]);
    expect(phase?.batches).toHaveLength(1);
    expect(phase?.intervalMs).toBe(0);
  });
});

describe('demo', () => {
  const phases = pacedPhases(plan('demo'));

  it('has the five scenarios with 160 requests in all', () => {
    expect(phases).toHaveLength(5);
    expect(plannedCount(plan('demo'))).toBe(160);
  });

  it('1: /health and / together, one pair per second, 30 times', () => {
    const steady = phases[0] as PacedPhase;
    expect(steady.intervalMs).toBe(1000);
    expect(steady.batches.map((b) => b.map((r) => r.path))).toEqual(Array(30).fill(['/health', '/']));
  });

  it('2: twenty delays from 2.1 to 4.0 s, written as the original wrote them', () => {
    const latency = phases[1] as PacedPhase;
    expect(requestsOf(latency).map((r) => r.query)).toEqual(
      Array.from({ length: 20 }, (_, i) => `seconds=${((21 + i) / 10).toFixed(1)}`),
    );
    expect(requestsOf(latency).map((r) => r.delaySeconds)).toEqual(
      Array.from({ length: 20 }, (_, i) => (21 + i) / 10),
    );
  });

  it('3: thirty /error requests at 90%, then 50%, then 10%', () => {
    const errors = requestsOf(phases[2] as PacedPhase);
    expect(errors.every((r) => r.path === '/error')).toBe(true);
    expect(param(errors, 'rate')).toEqual([
      ...Array(10).fill(90),
      ...Array(10).fill(50),
      ...Array(10).fill(10),
    ]);
  });

  it('4: five CPU and five memory requests at once', () => {
    const saturation = phases[3] as PacedPhase;
    expect(saturation.batches).toHaveLength(1);
    const requests = requestsOf(saturation);
    expect(param(on(requests, '/cpu-intensive'), 'iterations')).toEqual(Array(5).fill(80_000));
    expect(param(on(requests, '/memory-usage'), 'size')).toEqual(Array(5).fill(25));
  });

  it('5: /health with the deliberate /users 404s, a pair every 0.8 s, 20 times', () => {
    const notFound = phases[4] as PacedPhase;
    expect(notFound.intervalMs).toBe(800);
    expect(notFound.batches.map((b) => b.map((r) => r.path))).toEqual(Array(20).fill(['/health', '/users']));
  });

  it('is what `scenarios` means', () => {
    expect(resolveMode('scenarios')).toBe('demo');
  });
});

describe('sustained', () => {
  it('sends one request per 0.5 s, switching endpoint every 30 s: health, CPU, errors', () => {
    const [phase] = pacedPhases(plan('sustained'));
    expect(phase?.intervalMs).toBe(500);
    const paths = requestsOf(plan('sustained')).map((r) => r.path);
    expect(paths).toHaveLength(600);
    const windows = ['/health', '/cpu-intensive', '/error'];
    paths.forEach((path, i) => {
      expect(path).toBe(windows[Math.floor((i * 0.5) / 30) % 3]);
    });
    const requests = requestsOf(plan('sustained'));
    expectWithin(param(on(requests, '/cpu-intensive'), 'iterations'), 50_000, 99_999, 1);
    expect(new Set(param(on(requests, '/error'), 'rate'))).toEqual(new Set([80]));
  });

  it('takes its duration from the argument', () => {
    expect(plannedCount(plan('sustained', { count: 7 }))).toBe(14);
    expect(plannedCount(plan('sustained', { count: 0.2 }))).toBe(1);
  });
});

describe('errors, metrics and the single-endpoint modes', () => {
  it('errors: 25 × /error?rate=90, then 15 × /nonexistent', () => {
    const [first, second, ...rest] = pacedPhases(plan('errors'));
    expect(rest).toEqual([]);
    expect(requestsOf(first as PacedPhase).map((r) => `${r.path}?${r.query}`)).toEqual(
      Array(25).fill('/error?rate=90'),
    );
    expect(requestsOf(second as PacedPhase).map((r) => r.path)).toEqual(Array(15).fill('/nonexistent'));
  });

  it('metrics: ten / + /health pairs, four delays, four error rates, one CPU, one memory', () => {
    const requests = requestsOf(plan('metrics'));
    expect(countByPath(requests)).toEqual({
      '/': 10,
      '/health': 10,
      '/delay': 4,
      '/error': 4,
      '/cpu-intensive': 1,
      '/memory-usage': 1,
    });
    expect(on(requests, '/delay').map((r) => r.query)).toEqual([
      'seconds=0.5',
      'seconds=1.0',
      'seconds=1.5',
      'seconds=2.0',
    ]);
    expect(param(on(requests, '/error'), 'rate')).toEqual([10, 30, 50, 80]);
    expect(param(on(requests, '/cpu-intensive'), 'iterations')).toEqual([50_000]);
    expect(param(on(requests, '/memory-usage'), 'size')).toEqual([15]);
  });

  it.each([
    ['cpu', '/cpu-intensive', 'iterations', 10, 50_000, 149_999, 1],
    ['memory', '/memory-usage', 'size', 10, 10, 59, 1],
    ['delay', '/delay', 'seconds', 10, 0.5, 5.5, 0.05],
    ['error-test', '/error', 'rate', 30, 20, 99, 1],
  ] as const)('%s: %s with %s in range, default count %i', (mode, path, name, count, min, max, step) => {
    const requests = requestsOf(plan(mode));
    expect(countByPath(requests)).toEqual({ [path]: count });
    expectWithin(param(requests, name), min, max, step);
    expect(requestsOf(plan(mode, { count: 3 }))).toHaveLength(3);
    const many = Array.from({ length: 100 }, (_, seed) =>
      param(requestsOf(plan(mode, {}, seed)), name),
    ).flat();
    expect(Math.min(...many)).toBeLessThan(min + (max - min) * 0.05);
    expect(Math.max(...many)).toBeGreaterThan(max - (max - min) * 0.05);
  });

  it('delay writes two decimals, as the original did', () => {
    for (const r of requestsOf(plan('delay'))) expect(r.query).toMatch(/^seconds=\d\.\d\d$/);
  });

  it('memory never holds more than four requests at once', () => {
    expect(pacedPhases(plan('memory'))[0]?.maxInFlight).toBe(4);
  });

  it('full: metrics, 30 mixed requests, errors, then two minutes of sustained', () => {
    const phases = pacedPhases(plan('full'));
    const counts = phases.map((p) => requestsOf(p).length);
    expect(counts).toEqual([30, 30, 25, 15, 240]);
    expect(countByPath(requestsOf(phases[1] as PacedPhase))).toEqual({
      '/health': 7,
      '/': 8,
      '/business-metrics': 3,
      '/delay': 3,
      '/error': 3,
      '/cpu-intensive': 3,
      '/memory-usage': 3,
    });
  });
});

describe('modes that do not exist', () => {
  it.each(['db', 'database', 'users', 'nonsense', 'toString'])(
    '%s is a usage error naming the modes',
    (name) => {
      const attempt = () => resolveMode(name);
      expect(attempt).toThrow(UsageError);
      expect(attempt).toThrow(`unknown traffic mode "${name}"`);
      try {
        attempt();
      } catch (error) {
        expect((error as UsageError).hint).toBe(
          'available modes: quick, demo, sustained, errors, metrics, cpu, memory, delay, error-test, full, flood',
        );
      }
    },
  );
});

describe('time scale', () => {
  it('scales every /delay and every pause, and nothing else', () => {
    const full = plan('demo');
    const tenth = plan('demo', { timeScale: 0.1 });
    expect(pacedPhases(tenth).map((p) => p.intervalMs)).toEqual(
      pacedPhases(full).map((p) => p.intervalMs * 0.1),
    );
    const scaled = requestsOf(tenth);
    requestsOf(full).forEach((r, i) => {
      const other = scaled[i] as PlannedRequest;
      expect(other.path).toBe(r.path);
      if (r.path === '/delay') expect(other.delaySeconds).toBeCloseTo((r.delaySeconds ?? 0) * 0.1, 9);
      else expect(other.query).toBe(r.query);
    });
  });

  it('writes scaled delays without float noise, and sends what it records', () => {
    const delays = on(requestsOf(plan('quick', { timeScale: 0.1 }, 3)), '/delay');
    const unscaled = on(requestsOf(plan('quick', {}, 3)), '/delay');
    delays.forEach((r, i) => {
      expect(r.query).toMatch(/^seconds=\d\.\d\d?$/);
      expect(r.delaySeconds).toBe(Number(r.query.slice(8)));
      expect(r.delaySeconds).toBeCloseTo((unscaled[i]?.delaySeconds ?? 0) / 10, 9);
    });
    expect(pacedPhases(plan('sustained', { timeScale: 0.1 }))[0]?.intervalMs).toBe(50);
  });
});

describe('seeds', () => {
  it('the same seed gives the same plan; another seed another', () => {
    for (const mode of ['quick', 'sustained', 'cpu', 'memory', 'delay', 'error-test', 'full'] as const) {
      expect(plan(mode, {}, 7)).toEqual(plan(mode, {}, 7));
      expect(plan(mode, {}, 7)).not.toEqual(plan(mode, {}, 8));
    }
  });
});

describe('flood', () => {
  it('is one phase of one request, for the benchmark', () => {
    const p = plan('flood', { floodPath: '/delay?seconds=0', floodSeconds: 2, ratePerSecond: 100 });
    expect(p.phases).toEqual([
      {
        kind: 'flood',
        name: 'flood /delay?seconds=0',
        request: { path: '/delay', query: 'seconds=0', delaySeconds: undefined },
        durationMs: 2000,
        ratePerSecond: 100,
      },
    ]);
    expect(plannedCount(p)).toBeUndefined();
  });
});

describe('every mode', () => {
  it("asks only for the webapp's routes and the 404 paths it exports from the start, so rate() sees every burst", async () => {
    const { routeStatuses, workshopMissingPaths } = await import('../../webapp/src/known-series.js');
    const known = new Set<string>([...Object.keys(routeStatuses), ...workshopMissingPaths]);
    const modes: ModeName[] = [
      'quick',
      'demo',
      'sustained',
      'errors',
      'metrics',
      'cpu',
      'memory',
      'delay',
      'error-test',
      'full',
    ];
    for (const mode of modes) {
      const paths = new Set(
        requestsOf(plan(mode, { count: mode === 'full' ? undefined : 3 })).map((r) => r.path),
      );
      expect(
        [...paths].filter((p) => !known.has(p)),
        mode,
      ).toEqual([]);
    }
  });
});
