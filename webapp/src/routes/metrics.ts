import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';

/** `/metrics`: the app's registry in the Prometheus text exposition format. */
export function metricsExposition(registry: Registry): RequestHandler {
  return async (_req, res) => {
    const body = await registry.metrics();
    res.set('Content-Type', registry.contentType).send(body);
  };
}
