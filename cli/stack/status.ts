import { PrometheusClient } from '../prometheus/client.js';
import type { StackUrls } from './config.js';
import { type ServiceName, serviceNames, services } from './services.js';
import type { StackState } from './state.js';
import { probeHttp } from './wait.js';

export interface ServiceStatus {
  name: ServiceName;
  url: string;
  state: 'up' | 'down' | 'not available';
  detail?: string;
}

export interface TargetStatus {
  job: string;
  instance: string;
  health: string;
  lastError: string;
  lastScrape: string;
}

export interface StackStatus {
  backend: 'compose' | 'native' | 'unknown';
  services: ServiceStatus[];
  targets: TargetStatus[];
  targetsError?: string;
  healthy: boolean;
}

/** Probes every service of the stack and asks Prometheus for its targets. */
export async function collectStatus(urls: StackUrls, state: StackState | undefined): Promise<StackStatus> {
  const statuses = await Promise.all(
    serviceNames.map(async (name): Promise<ServiceStatus> => {
      const url = urls[name];
      const unavailable = state?.unavailable[name];
      if (unavailable) return { name, url, state: 'not available', detail: unavailable };
      const probe = await probeHttp(name, `${url}${services[name].healthPath}`);
      return probe.ok ? { name, url, state: 'up' } : { name, url, state: 'down', detail: probe.reason };
    }),
  );
  let targets: TargetStatus[] = [];
  let targetsError: string | undefined;
  try {
    targets = (await new PrometheusClient(urls.prometheus, { timeoutMs: 3_000 }).targets()).map((t) => ({
      job: t.labels.job ?? t.scrapePool,
      instance: t.labels.instance ?? t.scrapeUrl,
      health: t.health,
      lastError: t.lastError,
      lastScrape: t.lastScrape,
    }));
  } catch (error) {
    targetsError = (error as Error).message;
  }
  return summarize(state?.backend ?? 'unknown', statuses, targets, targetsError);
}

export function summarize(
  backend: StackStatus['backend'],
  statuses: ServiceStatus[],
  targets: TargetStatus[],
  targetsError: string | undefined,
): StackStatus {
  const healthy =
    statuses.every((s) => s.state !== 'down') &&
    targetsError === undefined &&
    targets.length > 0 &&
    targets.every((t) => t.health === 'up');
  return { backend, services: statuses, targets, ...(targetsError ? { targetsError } : {}), healthy };
}
