import type { IncomingHttpHeaders } from 'node:http';
import { bindJson } from '../http/read-body.js';
import { empty, json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { provisionedAlertRuleBody } from '../schemas/alert-rule.js';
import type { StandInState } from '../state.js';
import { createAlertRule, deleteAlertRule, findAlertRule } from '../store/alert-rules.js';
import { alertRuleView } from '../views/alert-rule.js';

/** determineProvenance (api_provisioning.go): the mere presence of X-Disable-Provenance means none. */
export function provenanceOf(headers: IncomingHttpHeaders): string {
  return headers['x-disable-provenance'] === undefined ? 'api' : '';
}

// pkg/services/ngalert/api/api_provisioning.go, alert-rule routes.
export function alertRuleRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/provisioning/alert-rules',
      handler: () => json(200, state.db.alertRules.map(alertRuleView)),
    },
    {
      method: 'GET',
      path: '/api/v1/provisioning/alert-rules/:uid',
      // An unknown rule is response.Empty(404): no body at all.
      handler: ({ params }) => {
        const rule = findAlertRule(state.db, params.uid ?? '');
        return rule ? json(200, alertRuleView(rule)) : empty(404);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/provisioning/alert-rules',
      handler: ({ rawBody, headers }) => {
        const rule = createAlertRule(
          state.db,
          bindJson(rawBody, provisionedAlertRuleBody),
          provenanceOf(headers),
        );
        return json(201, alertRuleView(rule));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/provisioning/alert-rules/:uid',
      handler: ({ params }) => {
        deleteAlertRule(state.db, params.uid ?? '');
        return empty(204);
      },
    },
  ];
}
