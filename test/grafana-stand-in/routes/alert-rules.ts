import type { IncomingHttpHeaders } from 'node:http';
import { bindJson } from '../http/read-body.js';
import { empty, json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { formatPromDuration } from '../model/duration.js';
import { provisionedAlertRuleBody } from '../schemas/alert-rule.js';
import type { StandInState } from '../state.js';
import { createAlertRule, deleteAlertRule, findAlertRule } from '../store/alert-rules.js';
import { findFolder } from '../store/folders.js';
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
      method: 'GET',
      path: '/api/v1/provisioning/alert-rules/:uid/export',
      // RouteGetAlertRuleExport: the rule's group in the provisioning file format (AlertingFileExport);
      // the group's interval is a model.Duration ("1m") and its folder the folder's title.
      handler: ({ params, query }) => {
        const rule = findAlertRule(state.db, params.uid ?? '');
        if (!rule) return empty(404);
        if ((query.get('format') ?? 'yaml') !== 'json')
          return json(400, { message: 'only format=json is modelled by the stand-in' });
        const folder = findFolder(state.db, rule.folderUID);
        return json(200, {
          apiVersion: 1,
          groups: [
            {
              orgId: 1,
              name: rule.ruleGroup,
              folder: folder?.title ?? '',
              interval: formatPromDuration(rule.intervalSeconds * 1000),
              rules: [alertRuleView(rule)],
            },
          ],
        });
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
