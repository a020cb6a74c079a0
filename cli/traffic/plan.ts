import { type ModeName, modeInfo } from './modes.js';
import type { Rng } from './random.js';
import {
  businessMetrics,
  businessOperations,
  cpuIntensive,
  delay,
  errorSimulation,
  health,
  hello,
  memoryUsage,
  missingPage,
  type PlannedRequest,
} from './requests.js';

/**
 * Requests started together; a paced phase starts one batch every `intervalMs` (on a fixed
 * schedule, not after the previous batch answered) and ends when all its requests have answered.
 * Phases run one after another.
 */
export interface PacedPhase {
  kind: 'paced';
  name: string;
  batches: PlannedRequest[][];
  intervalMs: number;
  /** A cap below `--concurrency`, for requests that hold server resources. */
  maxInFlight?: number;
}

/** Benchmarking: the same request for a while, as fast as possible or at a fixed rate. */
export interface FloodPhase {
  kind: 'flood';
  name: string;
  request: PlannedRequest;
  durationMs: number;
  ratePerSecond: number | undefined;
}

export type TrafficPhase = PacedPhase | FloodPhase;

export interface Plan {
  mode: ModeName;
  phases: TrafficPhase[];
}

export interface PlanOptions {
  mode: ModeName;
  /** The positional argument: a count, or seconds for sustained; undefined → the mode's default. */
  count: number | undefined;
  timeScale: number;
  /** flood only. */
  floodPath: string;
  floodSeconds: number;
  ratePerSecond: number | undefined;
}

/** The whole run, decided up front: a pure function of the options and the random source. */
export function planTraffic(options: PlanOptions, rng: Rng): Plan {
  return { mode: options.mode, phases: phasesOf(options, rng) };
}

function phasesOf(o: PlanOptions, rng: Rng): TrafficPhase[] {
  const scale = o.timeScale;
  switch (o.mode) {
    case 'quick':
      return [allAtOnce('50 mixed requests', mixedRequests(50, scale, rng))];
    case 'demo':
      return demoPhases(scale);
    case 'sustained':
      return [sustainedPhase(countOf(o), scale, rng)];
    case 'errors':
      return errorsPhases();
    case 'metrics':
      return [metricsPhase(scale)];
    case 'cpu':
    case 'memory':
    case 'delay':
    case 'error-test':
      return [oneEndpointPhase(o.mode, countOf(o), scale, rng)];
    case 'full':
      return [
        metricsPhase(scale),
        allAtOnce('30 mixed requests', mixedRequests(30, scale, rng)),
        ...errorsPhases(),
        sustainedPhase(120, scale, rng),
      ];
    case 'flood':
      return [
        {
          kind: 'flood',
          name: `flood ${o.floodPath}`,
          request: requestFor(o.floodPath),
          durationMs: o.floodSeconds * 1000,
          ratePerSecond: o.ratePerSecond,
        },
      ];
  }
}

/** The positional argument, or the mode's default for it. */
function countOf(o: PlanOptions): number {
  return o.count ?? modeInfo(o.mode).argument?.default ?? 0;
}

interface OneEndpointMode {
  name: string;
  make(rng: Rng, scale: number): PlannedRequest;
  maxInFlight?: number;
}

/** The modes that send [count] requests to one endpoint, with the original's parameter ranges. */
const oneEndpointModes: Record<'cpu' | 'memory' | 'delay' | 'error-test', OneEndpointMode> = {
  cpu: { name: 'CPU-heavy requests', make: (rng) => cpuIntensive(rng.int(50_000, 149_999)) },
  // Each holds up to 59 MB for a second; the original sent them one at a time.
  memory: { name: 'memory-heavy requests', make: (rng) => memoryUsage(rng.int(10, 59)), maxInFlight: 4 },
  // The original's `scale=2; $RANDOM/32767*5+0.5`: 0.50 to 5.50 in steps of 0.05.
  delay: { name: 'slow requests', make: (rng, scale) => delay((50 + 5 * rng.int(0, 100)) / 100, 2, scale) },
  'error-test': { name: 'random error rates', make: (rng) => errorSimulation(rng.int(20, 99)) },
};

function oneEndpointPhase(
  mode: keyof typeof oneEndpointModes,
  count: number,
  scale: number,
  rng: Rng,
): PacedPhase {
  const { name, make, maxInFlight } = oneEndpointModes[mode];
  const phase = allAtOnce(
    name,
    times(count, () => make(rng, scale)),
  );
  return maxInFlight === undefined ? phase : { ...phase, maxInFlight };
}

/** The original's `generate_requests n`: request i (from 1) is chosen by i % 9. */
function mixedRequests(n: number, scale: number, rng: Rng): PlannedRequest[] {
  const requests: PlannedRequest[] = [];
  for (let i = 1; i <= n; i++) {
    switch (i % 9) {
      case 0:
      case 1:
        requests.push(health());
        break;
      case 2:
      case 3:
        requests.push(hello());
        break;
      case 4:
        requests.push(businessMetrics(rng.pick(businessOperations)));
        break;
      case 5:
        // `$((RANDOM % 20 + 5)).$((RANDOM % 10))`: 5.0 to 24.9 s.
        requests.push(delay(rng.int(5, 24) + rng.int(0, 9) / 10, 1, scale));
        break;
      case 6:
        requests.push(errorSimulation(rng.int(20, 79)));
        break;
      case 7:
        requests.push(cpuIntensive(rng.int(20_000, 49_999)));
        break;
      default:
        requests.push(memoryUsage(rng.int(5, 19)));
    }
  }
  return requests;
}

function demoPhases(scale: number): TrafficPhase[] {
  return [
    // A request rate over half a minute: the pacing is the point.
    paced(
      'steady traffic: /health + / every second',
      times(30, () => [health(), hello()]),
      1000 * scale,
    ),
    allAtOnce(
      'latency: /delay 2.1 → 4.0 s',
      times(20, (i) => delay((21 + i) / 10, 1, scale)),
    ),
    allAtOnce('errors: /error at 90%, 50%, 10%', [
      ...times(10, () => errorSimulation(90)),
      ...times(10, () => errorSimulation(50)),
      ...times(10, () => errorSimulation(10)),
    ]),
    allAtOnce('saturation: CPU and memory', times(5, () => [cpuIntensive(80_000), memoryUsage(25)]).flat()),
    // /users does not exist: the 404s are deliberate, for the "errors by status" query.
    paced(
      '404s: /health + /users every 0.8 s',
      times(20, () => [health(), missingPage('/users')]),
      800 * scale,
    ),
  ];
}

/** One request every 0.5 s; which one depends on the 30-second window it falls in. */
function sustainedPhase(seconds: number, scale: number, rng: Rng): PacedPhase {
  const count = Math.max(1, Math.ceil(seconds / 0.5));
  const batches = times(count, (i) => {
    const window = Math.floor((i * 0.5) / 30) % 3;
    if (window === 0) return [health()];
    if (window === 1) return [cpuIntensive(rng.int(50_000, 99_999))];
    return [errorSimulation(80)];
  });
  return paced(`sustained for ${seconds} s: health → CPU → errors`, batches, 500 * scale);
}

function errorsPhases(): TrafficPhase[] {
  return [
    allAtOnce(
      'errors: /error?rate=90',
      times(25, () => errorSimulation(90)),
    ),
    allAtOnce(
      '404s: /nonexistent',
      times(15, () => missingPage('/nonexistent')),
    ),
  ];
}

function metricsPhase(scale: number): PacedPhase {
  return allAtOnce('a little of everything', [
    ...times(10, () => [hello(), health()]).flat(),
    ...[0.5, 1.0, 1.5, 2.0].map((s) => delay(s, 1, scale)),
    ...[10, 30, 50, 80].map(errorSimulation),
    cpuIntensive(50_000),
    memoryUsage(15),
  ]);
}

function requestFor(pathAndQuery: string): PlannedRequest {
  const [path = '/', query = ''] = pathAndQuery.split('?', 2);
  return { ...missingPage(path), query };
}

function allAtOnce(name: string, requests: PlannedRequest[]): PacedPhase {
  return paced(name, [requests], 0);
}

function paced(name: string, batches: PlannedRequest[][], intervalMs: number): PacedPhase {
  return { kind: 'paced', name, batches, intervalMs };
}

function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

/** How many requests a plan sends; undefined when a flood decides by the clock. */
export function plannedCount(plan: Plan): number | undefined {
  let total = 0;
  for (const phase of plan.phases) {
    if (phase.kind === 'flood') return undefined;
    for (const batch of phase.batches) total += batch.length;
  }
  return total;
}
