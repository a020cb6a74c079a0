import { ApiError, apiError } from '../http/reply.js';
import type { Db, StoredAlertQuery, StoredAlertRule } from '../model/records.js';
import { newUid } from '../model/uid.js';
import type { AlertRuleGroupInput, ProvisionedAlertRuleInput } from '../schemas/alert-rule.js';
import { validateGroupInterval, validateRule } from './alert-rule-validation.js';
import { findFolder } from './folders.js';

/** A new group gets UnifiedAlertingSettings.DefaultRuleEvaluationInterval: 1m (pkg/setting/setting_unified_alerting.go). */
export const DEFAULT_GROUP_INTERVAL_SECONDS = 60;

/** models.ErrAlertRuleGroupNotFound is an errutil NotFound, written as its public error. */
export const ruleGroupNotFound = () =>
  new ApiError(404, { statusCode: 404, messageId: 'alerting.alert-rule.notFound', message: 'Not found' });

export function findAlertRule(db: Db, uid: string): StoredAlertRule | undefined {
  return db.alertRules.find((r) => r.uid === uid);
}

export function groupRules(db: Db, folderUid: string, group: string): StoredAlertRule[] {
  return db.alertRules
    .filter((r) => r.folderUID === folderUid && r.ruleGroup === group)
    .sort((a, b) => a.ruleGroupIndex - b.ruleGroupIndex || a.id - b.id);
}

/** AlertQuery.PreSave fills the model's intervalMs/maxDataPoints defaults and lifts its queryType. */
function preSave(query: ProvisionedAlertRuleInput['data'][number]): StoredAlertQuery {
  const model: Record<string, unknown> = { intervalMs: 1000, maxDataPoints: 43200, ...query.model };
  const liftedType = query.queryType === '' && typeof model.queryType === 'string' ? model.queryType : '';
  return { ...query, queryType: query.queryType || liftedType, model };
}

function toStored(
  input: ProvisionedAlertRuleInput,
  fields: { id: number; uid: string; index: number; interval: number; provenance: string; now: Date },
): StoredAlertRule {
  return {
    id: fields.id,
    uid: fields.uid,
    folderUID: input.folderUID,
    ruleGroup: input.ruleGroup,
    ruleGroupIndex: fields.index,
    title: input.title,
    condition: input.condition,
    data: input.data.map(preSave),
    updated: fields.now,
    noDataState: input.noDataState,
    execErrState: input.execErrState,
    forMs: input.for,
    annotations: input.annotations,
    labels: input.labels,
    provenance: fields.provenance,
    isPaused: input.isPaused,
    notificationSettings: input.notification_settings ?? null,
    intervalSeconds: fields.interval,
  };
}

/**
 * POST /api/v1/provisioning/alert-rules (AlertRuleService.CreateAlertRule): the rule joins its
 * group with the group's interval, or the default one for a new group; recording rules need a
 * feature toggle that is off in 11.4.
 */
export function createAlertRule(
  db: Db,
  input: ProvisionedAlertRuleInput,
  provenance: string,
  now = new Date(),
): StoredAlertRule {
  if (input.record)
    throw apiError(400, 'invalid alert rule: recording rules cannot be created on this instance');
  validateRule(db, input);
  if (input.uid !== '' && findAlertRule(db, input.uid)) {
    throw apiError(
      400,
      'failed to insert alert rule: a conflicting alert rule is found: rule UID under the same organisation should be unique',
    );
  }
  const group = groupRules(db, input.folderUID, input.ruleGroup);
  const rule = toStored(input, {
    id: db.nextId.alertRule++,
    uid: input.uid === '' ? newUid() : input.uid,
    index: (group.at(-1)?.ruleGroupIndex ?? 0) + 1,
    interval: group[0]?.intervalSeconds ?? DEFAULT_GROUP_INTERVAL_SECONDS,
    provenance,
    now,
  });
  db.alertRules.push(rule);
  return rule;
}

/** Deleting an unknown rule is not an error for the provisioning API: it still answers 204. */
export function deleteAlertRule(db: Db, uid: string): void {
  db.alertRules = db.alertRules.filter((r) => r.uid !== uid);
}

/**
 * PUT …/folder/:folderUid/rule-groups/:group (AlertRuleService.ReplaceRuleGroup): the body's rules
 * become the whole group — matched by uid, new ones created, missing ones deleted — and every rule
 * takes the path's folder and group and the body's interval.
 */
export function replaceRuleGroup(
  db: Db,
  folderUid: string,
  group: string,
  input: AlertRuleGroupInput,
  provenance: string,
  now = new Date(),
): StoredAlertRule[] {
  validateGroupInterval(input.interval);
  if (!findFolder(db, folderUid)) throw apiError(400, 'invalid alert rule: folder does not exist');
  const rules = input.rules.map((r) => ({ ...r, folderUID: folderUid, ruleGroup: group }));
  for (const rule of rules) validateRule(db, rule);
  const keptUids = new Set(rules.map((r) => r.uid).filter((uid) => uid !== ''));
  db.alertRules = db.alertRules.filter(
    (r) => keptUids.has(r.uid) || r.folderUID !== folderUid || r.ruleGroup !== group,
  );
  return rules.map((rule, i) => {
    const existing = rule.uid === '' ? undefined : findAlertRule(db, rule.uid);
    const stored = toStored(rule, {
      id: existing?.id ?? db.nextId.alertRule++,
      uid: existing?.uid ?? (rule.uid === '' ? newUid() : rule.uid),
      index: i + 1,
      interval: input.interval,
      provenance,
      now,
    });
    db.alertRules = [...db.alertRules.filter((r) => r !== existing), stored];
    return stored;
  });
}
