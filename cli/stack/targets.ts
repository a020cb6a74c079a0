import type { PrometheusClient } from '../prometheus/client.js';
import type { ScrapeTarget } from '../prometheus/schemas.js';
import type { Probe } from './wait.js';

/** Passes once Prometheus has scraped `expected` targets and every one of them is up. */
export async function allTargetsUp(prometheus: PrometheusClient, expected: number): Promise<Probe> {
  let targets: ScrapeTarget[];
  try {
    targets = await prometheus.targets();
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const notUp = targets.filter((t) => t.health !== 'up');
  if (targets.length < expected)
    return { ok: false, reason: `${targets.length} of ${expected} targets known` };
  if (notUp.length > 0) {
    return {
      ok: false,
      reason: notUp
        .map((t) => `${t.scrapePool} is ${t.health}${t.lastError ? ` (${t.lastError})` : ''}`)
        .join('; '),
    };
  }
  return { ok: true };
}
