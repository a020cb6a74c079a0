import type { z } from 'zod';
import type { AdminAccount } from './auth/basic-auth.js';
import { LoginAttempts } from './auth/login-attempts.js';
import { type Behaviour, behaviours, type GrafanaNetwork, type GrafanaVersion } from './behaviour.js';
import { classicToV2, v2ToClassic } from './convert/dashboard-v2.js';
import {
  type Db,
  emptyDb,
  type StoredAlertRule,
  type StoredDashboard,
  type StoredDataSource,
  type StoredFolder,
  type StoredLibraryElement,
} from './model/records.js';
import { newUid } from './model/uid.js';
import { provisionedAlertRuleBody } from './schemas/alert-rule.js';
import { saveDashboardBody } from './schemas/dashboard.js';
import { addDataSourceBody } from './schemas/datasource.js';
import { createFolderBody } from './schemas/folder.js';
import { validateGroupInterval } from './store/alert-rule-validation.js';
import { createAlertRule, groupRules } from './store/alert-rules.js';
import { saveDashboard, saveDashboardV2 } from './store/dashboards.js';
import { addDataSource } from './store/datasources.js';
import { createFolder } from './store/folders.js';

export interface StandInStateOptions {
  adminUser: string;
  adminPassword: string;
  version?: GrafanaVersion;
  network?: GrafanaNetwork;
}

/** How the learner saved in the UI: the save drawer's two boxes, unticked unless said. */
export interface UiSaveOptions {
  folderUid?: string;
  /** "Update default time range": without it, saving an existing dashboard keeps its stored time range. */
  updateTimeRange?: boolean;
  /** "Update default refresh value": the same for the refresh. */
  updateRefresh?: boolean;
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
  readonly version: GrafanaVersion;
  readonly behaviour: Behaviour;
  /** Where Grafana's server runs, for the data source health check. */
  network: GrafanaNetwork;
  /** Make /apis/…/v1beta1 fail to convert v2-stored dashboards (status.conversion.failed). */
  failConversions = false;

  constructor(opts: StandInStateOptions) {
    this.admin = { id: 1, login: opts.adminUser, email: 'admin@localhost', password: opts.adminPassword };
    this.version = opts.version ?? '11.4';
    this.behaviour = behaviours[this.version];
    this.network = opts.network ?? { kind: 'host' };
  }

  /**
   * Saves a dashboard the way the learner's Save button in the UI does (the API stores what it
   * is sent; the UI first does this): nulls are dropped, a library panel is saved as a
   * reference without its queries, an existing dashboard keeps its stored time range and refresh
   * unless the save drawer's boxes are ticked; Grafana 13 then stores it as v2.
   */
  saveFromUi(classic: Record<string, unknown>, opts: UiSaveOptions = {}): StoredDashboard {
    const uid = typeof classic.uid === 'string' && classic.uid ? classic.uid : newUid();
    const previous = this.db.dashboards.find((d) => d.uid === uid);
    const model = dropNulls(structuredClone(classic)) as Record<string, unknown>;
    model.uid = uid;
    model.panels = asUiSaves(model.panels);
    if (previous) {
      const before = previous.v2 ? v2ToClassic(previous.v2 as never) : previous.data;
      if (!opts.updateTimeRange) model.time = before.time;
      if (!opts.updateRefresh) model.refresh = before.refresh;
    }
    const folderUid = opts.folderUid ?? previous?.folderUid ?? '';
    if (this.behaviour.uiSavesV2)
      return saveDashboardV2(this.db, {
        uid,
        spec: classicToV2(model) as unknown as Record<string, unknown>,
        folderUid,
      });
    return saveDashboard(
      this.db,
      saveDashboardBody.parse({
        dashboard: { ...model, id: previous?.id ?? null },
        folderUid,
        overwrite: true,
      }),
    );
  }

  /** Creates a library panel (like POST /api/library-elements), to be referenced by dashboards. */
  addLibraryPanel(input: {
    uid?: string;
    name: string;
    model: Record<string, unknown>;
    folderUid?: string;
  }): StoredLibraryElement {
    const element: StoredLibraryElement = {
      id: this.db.libraryElements.length + 1,
      uid: input.uid ?? newUid(),
      name: input.name,
      folderUid: input.folderUid ?? '',
      model: structuredClone(input.model),
      version: 1,
    };
    this.db.libraryElements.push(element);
    return element;
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

  get libraryElements(): readonly StoredLibraryElement[] {
    return this.db.libraryElements;
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

/** The UI never saves nulls (Scenes serializes only what is set). */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, dropNulls(v)]),
    );
  return value;
}

/** A library panel goes into the dashboard as a reference only: its queries live in the library. */
function asUiSaves(panels: unknown): unknown {
  if (!Array.isArray(panels)) return panels;
  return panels.map((p: Record<string, unknown>) => {
    if (p.type === 'row') return { ...p, panels: asUiSaves(p.panels) };
    const ref = p.libraryPanel as { uid?: string; name?: string } | undefined;
    if (!ref?.uid) return p;
    return {
      id: p.id,
      gridPos: p.gridPos,
      title: p.title,
      libraryPanel: { uid: ref.uid, name: ref.name ?? '' },
      type: 'library-panel-ref',
    };
  });
}
