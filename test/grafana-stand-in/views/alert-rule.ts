import { formatPromDuration } from '../model/duration.js';
import type { StoredAlertRule } from '../model/records.js';
import { grafanaTime, ZERO_TIME } from '../model/time.js';
import type { AlertRuleGroupInput, ProvisionedAlertRuleInput } from '../schemas/alert-rule.js';

type RuleFields = Pick<
  StoredAlertRule,
  | 'id'
  | 'uid'
  | 'folderUID'
  | 'ruleGroup'
  | 'title'
  | 'condition'
  | 'noDataState'
  | 'execErrState'
  | 'forMs'
  | 'annotations'
  | 'labels'
  | 'provenance'
  | 'isPaused'
> & {
  orgID: number;
  updated: string;
  data: unknown[];
  notificationSettings: Record<string, unknown> | null | undefined;
};

/**
 * definitions.ProvisionedAlertRule as Go marshals it: `for` is a model.Duration string,
 * annotations/labels/provenance/notification_settings are omitempty (so provenance "" vanishes).
 */
function ruleJson(r: RuleFields) {
  return {
    id: r.id,
    uid: r.uid,
    orgID: r.orgID,
    folderUID: r.folderUID,
    ruleGroup: r.ruleGroup,
    title: r.title,
    condition: r.condition,
    data: r.data,
    updated: r.updated,
    noDataState: r.noDataState,
    execErrState: r.execErrState,
    for: formatPromDuration(r.forMs),
    ...(Object.keys(r.annotations).length > 0 ? { annotations: r.annotations } : {}),
    ...(Object.keys(r.labels).length > 0 ? { labels: r.labels } : {}),
    ...(r.provenance === '' ? {} : { provenance: r.provenance }),
    isPaused: r.isPaused,
    ...(r.notificationSettings ? { notification_settings: r.notificationSettings } : {}),
  };
}

export function alertRuleView(rule: StoredAlertRule) {
  return ruleJson({
    ...rule,
    orgID: 1,
    updated: grafanaTime(rule.updated),
    notificationSettings: rule.notificationSettings,
  });
}

/** The provisioning rule-group answer; `interval` is whole seconds. */
export function ruleGroupView(folderUid: string, group: string, rules: StoredAlertRule[]) {
  return {
    title: group,
    folderUid,
    interval: rules[0]?.intervalSeconds ?? 0,
    rules: rules.map(alertRuleView),
  };
}

/** PUT rule-groups answers with the decoded request body itself (RoutePutAlertRuleGroup returns `ag`). */
export function echoedRuleGroupView(folderUid: string, group: string, body: AlertRuleGroupInput) {
  const echoRule = (r: ProvisionedAlertRuleInput) =>
    ruleJson({ ...r, forMs: r.for, updated: ZERO_TIME, notificationSettings: r.notification_settings });
  return { title: group, folderUid, interval: body.interval, rules: body.rules.map(echoRule) };
}
