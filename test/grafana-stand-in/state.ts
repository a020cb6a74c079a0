import type { z } from 'zod';
import type { AdminAccount } from './auth/basic-auth.js';
import { LoginAttempts } from './auth/login-attempts.js';
import {
  type Db,
  emptyDb,
  type StoredAlertRule,
  type StoredDashboard,
  type StoredDataSource,
  type StoredFolder,
} from './model/records.js';
import { newUid } from './model/uid.js';
import { provisionedAlertRuleBody } from './schemas/alert-rule.js';
import { saveDashboardBody } from './schemas/dashboard.js';
import { addDataSourceBody } from './schemas/datasource.js';
import { createFolderBody } from './schemas/folder.js';
import { validateGroupInterval } from './store/alert-rule-validation.js';
import { createAlertRule, groupRules } from './store/alert-rules.js';
import { saveDashboard } from './store/dashboards.js';
import { addDataSource } from './store/datasources.js';
import { createFolder } from './store/folders.js';

export interface StandInStateOptions {
  adminUser: string;
  adminPassword: string;
}

/**
 * The stand-in's in-memory Grafana (org 1). Tests seed it with the same JSON the HTTP API takes
 * (seeding goes through the same validation, so it throws where the API would answer an error)
 * and inspect what the CLI did through the read-only getters.
 */
export class StandInState {
  readonly admin: AdminAccount;
  readonly adminUid = newUid();
  readonly startedAt = new Date();
  readonly loginAttempts = new LoginAttempts();
  /** Fallback timeout of the Prometheus health check when jsonData.timeout is unset (Grafana: 30 s). */
  healthCheckTimeoutMs = 30_000;
  db: Db = emptyDb();

  constructor(opts: StandInStateOptions) {
    this.admin = { id: 1, login: opts.adminUser, email: 'admin@localhost', password: opts.adminPassword };
  }

  /** Forget all data and all failed logins (lifts a brute-force lock). */
  reset(): void {
    this.db = emptyDb();
    this.loginAttempts.reset();
  }

  addDataSource(
    input: z.input<typeof addDataSourceBody>,
    opts: { readOnly?: boolean } = {},
  ): StoredDataSource {
    return addDataSource(this.db, addDataSourceBody.parse(input), opts.readOnly ?? false);
  }

  addFolder(input: z.input<typeof createFolderBody>): StoredFolder {
    return createFolder(this.db, createFolderBody.parse(input));
  }

  /** Saves like POST /api/dashboards/db with overwrite, into the root or the given folder. */
  addDashboard(dashboard: Record<string, unknown>, folderUid?: string): StoredDashboard {
    return saveDashboard(this.db, saveDashboardBody.parse({ dashboard, folderUid, overwrite: true }));
  }

  /** Creates like POST /api/v1/provisioning/alert-rules; provenance "api" unless given. */
  addAlertRule(
    rule: z.input<typeof provisionedAlertRuleBody>,
    opts: { provenance?: string } = {},
  ): StoredAlertRule {
    return createAlertRule(this.db, provisionedAlertRuleBody.parse(rule), opts.provenance ?? 'api');
  }

  /** A group exists only through its rules, so this sets the interval on the group's rules. */
  setRuleGroupInterval(folderUid: string, group: string, seconds: number): void {
    validateGroupInterval(seconds);
    const rules = groupRules(this.db, folderUid, group);
    if (rules.length === 0) throw new Error(`no rule group ${group} in folder ${folderUid}`);
    for (const rule of rules) rule.intervalSeconds = seconds;
  }

  ruleGroupInterval(folderUid: string, group: string): number | undefined {
    return groupRules(this.db, folderUid, group)[0]?.intervalSeconds;
  }

  get dataSources(): readonly StoredDataSource[] {
    return this.db.dataSources;
  }

  get folders(): readonly StoredFolder[] {
    return this.db.folders;
  }

  get dashboards(): readonly StoredDashboard[] {
    return this.db.dashboards;
  }

  get alertRules(): readonly StoredAlertRule[] {
    return this.db.alertRules;
  }

  failedLogins(username: string): number {
    return this.loginAttempts.count(username);
  }
}
