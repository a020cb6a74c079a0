import { z } from 'zod';
import { parsePromDuration } from '../model/duration.js';
import { goBool, goInt, goString, goStringMap } from './go-json.js';

// ngalert definitions (pkg/services/ngalert/api/tooling/definitions/provisioning_alert_rules.go).

/** ngalert's Duration for relativeTimeRange: a JSON number of seconds, nothing else. */
const seconds = z
  .number()
  .nullish()
  .transform((v) => Math.trunc(v ?? 0));

const alertQuery = z.object({
  refId: goString,
  queryType: goString,
  relativeTimeRange: z
    .object({ from: seconds, to: seconds })
    .nullish()
    .transform((v) => v ?? { from: 0, to: 0 }),
  datasourceUid: goString,
  model: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
});

/** model.Duration's UnmarshalJSON wants a duration string; null and "" are decode errors. */
const promDuration = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return 0;
    const parsed = parsePromDuration(text);
    if (typeof parsed === 'number') return parsed;
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  });

export const provisionedAlertRuleBody = z.object({
  id: goInt,
  uid: goString,
  orgID: goInt,
  folderUID: goString,
  ruleGroup: goString,
  title: goString,
  condition: goString,
  data: z
    .array(alertQuery)
    .nullish()
    .transform((v) => v ?? []),
  noDataState: goString,
  execErrState: goString,
  for: promDuration,
  annotations: goStringMap,
  labels: goStringMap,
  provenance: goString,
  isPaused: goBool,
  notification_settings: z.looseObject({ receiver: z.string() }).nullish(),
  record: z.object({ metric: goString, from: goString }).nullish(),
});
export type ProvisionedAlertRuleInput = z.output<typeof provisionedAlertRuleBody>;

export const alertRuleGroupBody = z.object({
  title: goString,
  folderUid: goString,
  interval: goInt,
  rules: z
    .array(provisionedAlertRuleBody)
    .nullish()
    .transform((v) => v ?? []),
});
export type AlertRuleGroupInput = z.output<typeof alertRuleGroupBody>;
