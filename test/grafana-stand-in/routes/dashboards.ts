import { bindJson } from '../http/read-body.js';
import { json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { saveDashboardBody } from '../schemas/dashboard.js';
import type { StandInState } from '../state.js';
import { dashboardNotFound, deleteDashboard, findDashboard, saveDashboard } from '../store/dashboards.js';
import { findFolder } from '../store/folders.js';
import { dashboardWithMetaView, savedDashboardView } from '../views/dashboard.js';

// pkg/api/dashboard.go: GetDashboard, PostDashboard, DeleteDashboardByUID.
export function dashboardRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/dashboards/uid/:uid',
      handler: ({ params }) => {
        const dashboard = findDashboard(state.db, params.uid ?? '');
        if (!dashboard) throw dashboardNotFound();
        // pkg/api/dashboard.go: a dashboard stored as v2 cannot be served in the classic shape.
        if (dashboard.v2)
          return json(406, {
            message: `dashboard api version not supported, use /apis/dashboard.grafana.app/v2beta1/namespaces/default/dashboards/${dashboard.uid} instead`,
          });
        const folder = dashboard.folderUid === '' ? undefined : findFolder(state.db, dashboard.folderUid);
        return json(200, dashboardWithMetaView(dashboard, folder, state.admin));
      },
    },
    {
      method: 'POST',
      path: '/api/dashboards/db',
      handler: ({ rawBody }) =>
        json(200, savedDashboardView(saveDashboard(state.db, bindJson(rawBody, saveDashboardBody)))),
    },
    {
      method: 'DELETE',
      path: '/api/dashboards/uid/:uid',
      handler: ({ params }) => {
        const dashboard = deleteDashboard(state.db, params.uid ?? '');
        // Grafana 11 answers the uid here; the `id` of older versions is gone (swagger deleteDashboardResponse).
        return json(200, {
          message: `Dashboard ${dashboard.title} deleted`,
          title: dashboard.title,
          uid: dashboard.uid,
        });
      },
    },
  ];
}
