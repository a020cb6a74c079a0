import { bindJson } from '../http/read-body.js';
import { json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { alertRuleGroupBody } from '../schemas/alert-rule.js';
import type { StandInState } from '../state.js';
import { groupRules, replaceRuleGroup, ruleGroupNotFound } from '../store/alert-rules.js';
import { echoedRuleGroupView, ruleGroupView } from '../views/alert-rule.js';
import { provenanceOf } from './alert-rules.js';

const GROUP_PATH = '/api/v1/provisioning/folder/:folderUid/rule-groups/:group';

// RouteGetAlertRuleGroup / RoutePutAlertRuleGroup: a group exists only while it has rules.
export function ruleGroupRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: GROUP_PATH,
      handler: ({ params }) => {
        const [folderUid, group] = [params.folderUid ?? '', params.group ?? ''];
        const rules = groupRules(state.db, folderUid, group);
        if (rules.length === 0) throw ruleGroupNotFound();
        return json(200, ruleGroupView(folderUid, group, rules));
      },
    },
    {
      method: 'PUT',
      path: GROUP_PATH,
      handler: ({ params, rawBody, headers }) => {
        const [folderUid, group] = [params.folderUid ?? '', params.group ?? ''];
        const body = bindJson(rawBody, alertRuleGroupBody);
        replaceRuleGroup(state.db, folderUid, group, body, provenanceOf(headers));
        return json(200, echoedRuleGroupView(folderUid, group, body));
      },
    },
  ];
}
