import { apiError } from '../http/reply.js';
import { formatGoSeconds } from '../model/duration.js';
import type { Db } from '../model/records.js';
import { isValidUid, MAX_UID_LENGTH } from '../model/uid.js';
import type { ProvisionedAlertRuleInput } from '../schemas/alert-rule.js';
import { findFolder } from './folders.js';

// Messages follow ngalert's ErrAlertRuleFailedValidation wrapping ("invalid alert rule: …") from
// pkg/services/ngalert/models/alert_rule.go ValidateAlertRule and the store's length checks;
// the provisioning API answers them with 400 {"message": …} (ErrResp in api_provisioning.go).
const invalid = (detail: string) => apiError(400, `invalid alert rule: ${detail}`);

const NO_DATA_STATES = ['Alerting', 'NoData', 'OK', 'KeepLast'];
const EXEC_ERR_STATES = ['Alerting', 'Error', 'OK', 'KeepLast'];
const MAX_NAME_LENGTH = 190;
/** [unified_alerting] min_interval, the scheduler's base interval. */
export const BASE_INTERVAL_SECONDS = 10;

/** util.ValidateUID errors are joined (errors.Join → newline) with ErrAlertRuleFailedValidation. */
function validateRuleUid(uid: string): void {
  const reason = !isValidUid(uid)
    ? "invalid format of UID. Only letters, numbers, '-' and '_' are allowed"
    : uid.length > MAX_UID_LENGTH
      ? `UID is longer than ${MAX_UID_LENGTH} symbols`
      : undefined;
  if (reason) throw apiError(400, `invalid alert rule\ncannot create rule with UID '${uid}': ${reason}`);
}

export function validateGroupInterval(seconds: number): void {
  if (seconds <= 0 || seconds % BASE_INTERVAL_SECONDS !== 0) {
    throw invalid(
      `interval (${formatGoSeconds(seconds)}) should be non-zero and divided exactly by scheduler interval: ${BASE_INTERVAL_SECONDS}`,
    );
  }
}

export function validateRule(db: Db, rule: ProvisionedAlertRuleInput): void {
  validateRuleUid(rule.uid);
  if (rule.data.length === 0) throw invalid('no queries or expressions are found');
  if (rule.title === '') throw invalid('title is empty');
  if (!EXEC_ERR_STATES.includes(rule.execErrState))
    throw invalid(`unknown Error state option ${rule.execErrState}`);
  if (!NO_DATA_STATES.includes(rule.noDataState))
    throw invalid(`unknown NoData state option ${rule.noDataState}`);
  if (rule.title.length > MAX_NAME_LENGTH) {
    throw invalid(`alert rule title is too long. Max length is ${MAX_NAME_LENGTH}`);
  }
  if (rule.ruleGroup === '') throw invalid('rule group name cannot be empty');
  if (rule.ruleGroup.length > MAX_NAME_LENGTH) {
    throw invalid(`rule group name is too long. Max length is ${MAX_NAME_LENGTH}`);
  }
  const refIds = rule.data.map((q) => q.refId);
  if (!refIds.includes(rule.condition)) {
    throw invalid(`condition ${rule.condition} does not exist, must be one of [${refIds.join(' ')}]`);
  }
  if (!findFolder(db, rule.folderUID)) throw invalid('folder does not exist');
}
