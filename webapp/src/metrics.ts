import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

// The `flask_` names are the original Flask app's (prometheus-flask-exporter): keeping them makes this
// app a drop-in replacement, so every PromQL query and dashboard of the workshop works unchanged.

/** prometheus_client's default buckets, which the original's latency histogram used. */
export const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export interface WebappMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'path' | 'status'>;
  requestTotal: Counter<'method' | 'status'>;
  requestExceptions: Counter<'method' | 'status'>;
  customRequests: Counter<'endpoint'>;
  businessOperations: Counter<'operation_type'>;
}

/** A fresh registry per app (never prom-client's global one), so tests can build several apps. */
export function createMetrics(): WebappMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requestDuration: new Histogram({
      name: 'flask_http_request_duration_seconds',
      help: 'Flask HTTP request duration in seconds',
      labelNames: ['method', 'path', 'status'],
      buckets: durationBuckets,
      registers,
    }),
    requestTotal: new Counter({
      name: 'flask_http_request_total',
      help: 'Total number of HTTP requests',
      labelNames: ['method', 'status'],
      registers,
    }),
    requestExceptions: new Counter({
      name: 'flask_http_request_exceptions_total',
      help: 'Total number of HTTP requests which resulted in an exception',
      labelNames: ['method', 'status'],
      registers,
    }),
    customRequests: new Counter({
      name: 'webapp_custom_requests_total',
      help: 'Total custom requests',
      labelNames: ['endpoint'],
      registers,
    }),
    businessOperations: new Counter({
      name: 'webapp_business_operations_total',
      help: 'Total business operations',
      labelNames: ['operation_type'],
      registers,
    }),
  };
}
