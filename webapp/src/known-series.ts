import type { WebappMetrics } from './metrics.js';
import { businessOperationNames } from './params.js';

/** Every status each route can answer (400: a bad parameter; 503: the memory budget is full). */
export const routeStatuses: Readonly<Record<string, readonly number[]>> = {
  '/': [200],
  '/health': [200],
  '/business-metrics': [200, 400],
  '/delay': [200, 400],
  '/error': [200, 400, 404, 500],
  '/cpu-intensive': [200, 400],
  '/memory-usage': [200, 400, 503],
};

/**
 * The paths the workshop's traffic asks for although the app has no such page: the 404s are the
 * point of the "errors by status" queries. They are labelled as themselves always (never folded
 * into the unknown-path cap) and exported at zero like the routes.
 */
export const workshopMissingPaths = ['/nonexistent', '/users'] as const;

/**
 * Exports every series the routes can produce at zero from the start (Prometheus's "avoid missing
 * metrics" advice). Without it a series is born with its first burst already counted, and rate()
 * never sees that burst: a learner's first errors, or a fast traffic run, would show a rate of 0.
 * Other unknown paths are not known in advance and still appear with their first request.
 */
export function initKnownSeries(m: WebappMetrics): void {
  const statuses = new Set<number>();
  const missing = workshopMissingPaths.map((path) => [path, [404]] as const);
  for (const [path, codes] of [...Object.entries(routeStatuses), ...missing]) {
    for (const code of codes) {
      m.requestDuration.zero({ method: 'GET', path, status: String(code) });
      statuses.add(code);
    }
  }
  for (const code of statuses) m.requestTotal.inc({ method: 'GET', status: String(code) }, 0);
  for (const endpoint of ['hello', 'business_metrics']) m.customRequests.inc({ endpoint }, 0);
  for (const operation_type of businessOperationNames) m.businessOperations.inc({ operation_type }, 0);
}
