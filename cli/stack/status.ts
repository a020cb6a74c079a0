import type { HttpClient } from '../http/fetch-json.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { StackUrls } from './config.js';
import { type ServiceName, serviceNames, services } from './services.js';
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
  /** False when no `workshop up` is recorded in the state dir. */
  recorded: boolean;
  services: ServiceStatus[];
  targets: TargetStatus[];
  targetsError?: string;
  healthy: boolean;
}

/**
 * Probes every service the backend runs (the others are "not available", with why) and asks
 * Prometheus for its targets.
 */
export async function collectStatus(
  http: HttpClient,
  urls: StackUrls,
  backend: StackStatus['backend'],
  unavailable: Record<string, string>,
  recorded: boolean,
): Promise<StackStatus> {
  const statuses = await Promise.all(
    serviceNames.map(async (name): Promise<ServiceStatus> => {
      const url = urls[name];
      const why = unavailable[name];
      if (why) return { name, url, state: 'not available', detail: why };
      const probe = await probeHttp(http, name, `${url}${services[name].healthPath}`);
      return probe.ok ? { name, url, state: 'up' } : { name, url, state: 'down', detail: probe.reason };
    }),
  );
  let targets: TargetStatus[] = [];
  let targetsError: string | undefined;
  try {
    targets = (await new PrometheusClient(urls.prometheus, { http, timeoutMs: 3_000 }).targets()).map(
      (t) => ({
        job: t.labels.job ?? t.scrapePool,
        instance: t.labels.instance ?? t.scrapeUrl,
        health: t.health,
        lastError: t.lastError,
        lastScrape: t.lastScrape,
      }),
    );
  } catch (error) {
    targetsError = (error as Error).message;
  }
  return summarize(backend, recorded, statuses, targets, targetsError);
}

export function summarize(
  backend: StackStatus['backend'],
  recorded: boolean,
  statuses: ServiceStatus[],
  targets: TargetStatus[],
  targetsError: string | undefined,
): StackStatus {
  const healthy =
    statuses.every((s) => s.state !== 'down') &&
    targetsError === undefined &&
    targets.length > 0 &&
    targets.every((t) => t.health === 'up');
  return {
    backend,
    recorded,
    services: statuses,
    targets,
    ...(targetsError ? { targetsError } : {}),
    healthy,
  };
}
