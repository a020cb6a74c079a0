import { apiError, json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { isValidUid } from '../model/uid.js';
import { checkPrometheusHealth } from '../prometheus/health-check.js';
import type { StandInState } from '../state.js';
import { findDataSourceByUid } from '../store/datasources.js';

/**
 * GET /api/datasources/uid/:uid/health (pkg/api/datasources.go CheckDatasourceHealthWithUID):
 * a malformed uid is 400 "UID is invalid"; an unknown one fails the data source cache lookup,
 * which Grafana maps to 500 "Unable to load datasource metadata" (not 404). The plugin's verdict
 * is 200 when OK, else 400 with the same JSON. Only the Prometheus plugin exists here; any other
 * type answers like an unregistered plugin. The access mode is not looked at — Grafana's backend
 * health check ignores it too (the "browser access" error lives in the Prometheus frontend).
 */
export function dataSourceHealthRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/datasources/uid/:uid/health',
      handler: async ({ params }) => {
        const uid = params.uid ?? '';
        if (!isValidUid(uid)) throw apiError(400, 'UID is invalid');
        const ds = findDataSourceByUid(state.db, uid);
        if (!ds) throw apiError(500, 'Unable to load datasource metadata');
        if (ds.type !== 'prometheus') throw apiError(404, 'Plugin not found');
        const result = await checkPrometheusHealth(ds, state.healthCheckTimeoutMs, state.network);
        return json(result.status === 'OK' ? 200 : 400, result);
      },
    },
  ];
}
