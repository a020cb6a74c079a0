import type { GrafanaExercise } from '../../exercises/schema.js';
import { durationSeconds } from '../duration.js';
import { UpstreamError } from '../errors.js';
import type { GradingDeps } from '../grading/grade-attempts.js';
import { type DatasetAnswers, readDatasetAnswers } from '../grading/judge-query.js';
import { type GrafanaClient, GrafanaNotFound } from './client.js';
import { allPanels, targetsOf } from './dashboard-model.js';
import { readDashboard } from './read-dashboard.js';
import { type AlertRule, type DataSource, ruleExport, type SearchHit } from './schemas.js';

/** What a check reads of Grafana: one failed read fails only the checks that need it. */
export type GrafanaPart = 'datasource' | 'dashboard' | 'alerts';

/** Everything the exercise 2 checks look at, read once from Grafana; grading is a pure function of it. */
export interface GrafanaSnapshot {
  /** Grafana's own version (from /api/health). */
  version: string | undefined;
  dataSources: DataSource[];
  dataSource: DataSource | undefined;
  health: { status: string; message: string } | undefined;
  hits: SearchHit[];
  dashboard: Record<string, unknown> | undefined;
  /** How Grafana stores the dashboard: "v1" (classic), or the v2 version it was read in. */
  dashboardStoredAs: string | undefined;
  alertRules: AlertRule[];
  ruleGroupInterval: number | undefined;
  /**
   * The grading Prometheus's answers to every query (the exercise's and the learner's, Grafana's
   * variables read as 5m): whether a query is right is decided on them.
   */
  answers: DatasetAnswers;
  /** Parts that could not be read, and why. */
  failed: Partial<Record<GrafanaPart, UpstreamError>>;
}

/**
 * Reads Grafana: health, then the data sources (the first authenticated call: a 401 or an
 * unreachable Grafana throws, for every check), then the dashboard and the alert rules, each of
 * which may fail on its own.
 */
export async function readSnapshot(
  client: GrafanaClient,
  dataset: GradingDeps['dataset'],
  def: GrafanaExercise,
): Promise<GrafanaSnapshot> {
  const { version } = await client.health();
  const dataSources = await client.dataSources();
  const dataSource = dataSources.find((d) => d.name === def.dataSource.name);
  const failed: GrafanaSnapshot['failed'] = {};
  const health = dataSource
    ? await client.dataSourceHealth(dataSource.uid).catch(part(failed, 'datasource'))
    : undefined;
  const dash = await readDashboardPart(client, def).catch(part(failed, 'dashboard'));
  const alerts = await readAlertPart(client, def).catch(part(failed, 'alerts'));

  const texts = new Set<string>([
    def.alert.query,
    ...def.panels.flatMap((p) => p.targets.flatMap((t) => t.queries)),
  ]);
  if (dash?.dashboard)
    for (const p of allPanels(dash.dashboard)) for (const t of targetsOf(p)) texts.add(t.expr);
  for (const q of alerts?.rule?.data ?? []) if (typeof q.model.expr === 'string') texts.add(q.model.expr);
  const answers = await readDatasetAnswers(dataset, [...texts].map(withoutGrafanaVariables));
  return {
    version,
    dataSources,
    dataSource,
    health,
    hits: dash?.hits ?? [],
    dashboard: dash?.dashboard,
    dashboardStoredAs: dash?.storedAs,
    alertRules: alerts?.alertRules ?? [],
    ruleGroupInterval: alerts?.interval,
    answers,
    failed,
  };
}

/** Records an upstream failure of one part and reads on; anything else (a bug) is thrown. */
function part(failed: GrafanaSnapshot['failed'], name: GrafanaPart) {
  return (error: unknown): undefined => {
    // A wrong password is every check's problem, not one part's.
    if (!(error instanceof UpstreamError) || error.status === 401) throw error;
    failed[name] = error;
    return undefined;
  };
}

async function readDashboardPart(client: GrafanaClient, def: GrafanaExercise) {
  const hits = await client.search(def.dashboard.title);
  const exact = hits.find((h) => h.title.trim() === def.dashboard.title);
  const read = exact ? await readDashboard(client, exact.uid) : undefined;
  return { hits, dashboard: read?.model, storedAs: read?.storedAs };
}

async function readAlertPart(client: GrafanaClient, def: GrafanaExercise) {
  const alertRules = await client.alertRules();
  const rule = alertRules.find((r) => r.title.trim() === def.alert.title);
  return { alertRules, rule, interval: rule ? await groupInterval(client, rule) : undefined };
}

/**
 * The rule group's evaluation interval. A group named with a `/` answers 404 on its own path
 * (Grafana decodes %2F before routing: terraform-provider-grafana#1837), so the rule's export,
 * which carries its group, is the way there.
 */
async function groupInterval(client: GrafanaClient, rule: AlertRule): Promise<number | undefined> {
  try {
    return (await client.ruleGroup(rule.folderUID, rule.ruleGroup)).interval;
  } catch (error) {
    if (!(error instanceof GrafanaNotFound)) throw error;
  }
  const exported = await client
    .get(`/api/v1/provisioning/alert-rules/${encodeURIComponent(rule.uid)}/export?format=json`, ruleExport)
    .catch((e: unknown) => (e instanceof GrafanaNotFound ? undefined : Promise.reject(e)));
  const group = exported?.groups.find((g) => g.name === rule.ruleGroup) ?? exported?.groups[0];
  if (!group) return undefined;
  return typeof group.interval === 'number' ? group.interval : durationSeconds(group.interval);
}

/** Grafana's own interval variables are not PromQL: read them as the 5 m the text uses. */
export function withoutGrafanaVariables(q: string): string {
  return q.replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}|\$\{__interval\}|\$__range/g, '5m');
}
