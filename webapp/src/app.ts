import express, { type Express, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { countEvents, ignoreEvents } from './app-events.js';
import type { Config } from './config.js';
import { type CpuRunner, createCpuPool } from './cpu-pool.js';
import { jsonErrorHandler, notFound } from './error-handlers.js';
import { initKnownSeries, workshopMissingPaths } from './known-series.js';
import { createMemoryBudget, type MemoryBudget } from './memory-budget.js';
import { createMetrics } from './metrics.js';
import { createPathLabeler } from './path-labels.js';
import { prometheusObserver } from './prometheus-observer.js';
import type { Random } from './random.js';
import { recordRequests } from './record-requests.js';
import type { RequestObserver } from './request-sample.js';
import { routeTable } from './route-table.js';
import { health, hello } from './routes/basic.js';
import { businessMetrics } from './routes/business.js';
import type { RouteContext } from './routes/context.js';
import { cpuIntensive } from './routes/cpu.js';
import { delay } from './routes/delay.js';
import { errorSimulation } from './routes/error-simulation.js';
import { memoryUsage } from './routes/memory.js';
import { metricsExposition } from './routes/metrics.js';
import { createStatsdObserver } from './statsd.js';

export interface AppDeps {
  random?: Random;
  cpu?: CpuRunner;
  memory?: MemoryBudget;
  log?: (line: string) => void;
  collectGarbage?: () => void;
}

export interface WebApp {
  app: Express;
  /** undefined when instrumentation is off. */
  registry: Registry | undefined;
  /** Stops the CPU workers and flushes StatsD; the HTTP server is the caller's to close. */
  close(): Promise<void>;
}

const metricsPath = '/metrics';

export function createApp(config: Config, deps: AppDeps = {}): WebApp {
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const metrics = config.instrumentation ? createMetrics() : undefined;
  if (metrics) initKnownSeries(metrics);
  const cpu = deps.cpu ?? createCpuPool();
  const ctx: RouteContext = {
    config,
    random: deps.random ?? Math.random,
    events: metrics ? countEvents(metrics) : ignoreEvents,
    cpu,
    memory: deps.memory ?? createMemoryBudget(config.memoryBudgetMb),
    collectGarbage: deps.collectGarbage ?? exposedGc(),
  };

  const routes = new Map<string, RequestHandler>([
    ['/', hello(ctx)],
    ['/health', health()],
    ['/business-metrics', businessMetrics(ctx)],
    ['/delay', delay(ctx)],
    ['/error', errorSimulation(ctx)],
    ['/cpu-intensive', cpuIntensive(ctx)],
    ['/memory-usage', memoryUsage(ctx)],
  ]);
  if (metrics) routes.set(metricsPath, metricsExposition(metrics.registry));

  const observers: RequestObserver[] = [
    ...(metrics ? [prometheusObserver(metrics)] : []),
    ...(config.statsdHost
      ? [createStatsdObserver({ host: config.statsdHost, port: config.statsdPort }, log)]
      : []),
  ];

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // dynamic JSON: hashing every body is pure cost

  if (observers.length > 0) {
    const labelPath = createPathLabeler([...routes.keys(), ...workshopMissingPaths], config.maxUnknownPaths);
    app.use(recordRequests(observers, labelPath, new Set([metricsPath])));
  }
  app.use(routeTable(routes));
  app.use(notFound);
  app.use(jsonErrorHandler(log));

  return {
    app,
    registry: metrics?.registry,
    async close() {
      await Promise.all([cpu.close(), ...observers.map((o) => o.close?.())]);
    },
  };
}

/** Node's `gc`, when the process runs with --expose-gc (node-flags.ts). */
function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === 'function' ? gc : undefined;
}
