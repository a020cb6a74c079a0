import type { WebappMetrics } from './metrics.js';
import type { RequestObserver } from './request-sample.js';

/** Records each request in the flask_* metrics, exactly as prometheus-flask-exporter would. */
export function prometheusObserver(metrics: WebappMetrics): RequestObserver {
  return {
    observe({ method, path, status, seconds, unhandledError }) {
      metrics.requestDuration.observe({ method, path, status }, seconds);
      metrics.requestTotal.inc({ method, status });
      if (unhandledError) metrics.requestExceptions.inc({ method, status });
    },
  };
}
