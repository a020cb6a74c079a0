import type { GrafanaExercise } from '../../exercises/schema.js';
import type { PromApi } from '../checks/prom-api.js';
import { PrometheusApiError } from '../prometheus/client.js';
import { type GrafanaClient, GrafanaNotFound } from './client.js';
import { allPanels, targetsOf } from './dashboard-model.js';
import type { AlertRule, DataSource, SearchHit } from './schemas.js';

/** Everything the exercise 2 checks look at, read once from Grafana; grading is a pure function of it. */
export interface GrafanaSnapshot {
  dataSources: DataSource[];
  dataSource: DataSource | undefined;
  health: { status: string; message: string } | undefined;
  hits: SearchHit[];
  dashboard: Record<string, unknown> | undefined;
  alertRules: AlertRule[];
  ruleGroupInterval: number | undefined;
  /** PromQL text → Prometheus's canonical form, or `{ error }` when it does not parse. */
  canonical: Map<string, string | { error: string }>;
}

export async function readSnapshot(
  client: GrafanaClient,
  prom: PromApi,
  def: GrafanaExercise,
): Promise<GrafanaSnapshot> {
  await client.health();
  const dataSources = await client.dataSources(); // the first authenticated call: a 401 stops here
  const dataSource = dataSources.find((d) => d.name === def.dataSource.name);
  const health = dataSource ? await client.dataSourceHealth(dataSource.uid) : undefined;
  const hits = await client.search(def.dashboard.title);
  const exact = hits.find((h) => h.title.trim() === def.dashboard.title);
  const dashboard = exact ? (await client.dashboard(exact.uid)).dashboard : undefined;
  const alertRules = await client.alertRules();
  const rule = alertRules.find((r) => r.title.trim() === def.alert.title);
  const ruleGroupInterval = rule
    ? await client.ruleGroup(rule.folderUID, rule.ruleGroup).then(
        (g) => g.interval,
        (e: unknown) => {
          if (e instanceof GrafanaNotFound) return undefined;
          throw e;
        },
      )
    : undefined;

  const texts = new Set<string>([
    def.alert.query,
    ...def.panels.flatMap((p) => p.targets.flatMap((t) => t.queries)),
  ]);
  if (dashboard) for (const p of allPanels(dashboard)) for (const t of targetsOf(p)) texts.add(t.expr);
  if (rule) for (const q of rule.data) if (typeof q.model.expr === 'string') texts.add(q.model.expr);
  const canonical = new Map<string, string | { error: string }>();
  await Promise.all([...texts].map(async (q) => canonical.set(q, await canonicalForm(q, prom))));
  return { dataSources, dataSource, health, hits, dashboard, alertRules, ruleGroupInterval, canonical };
}

/** Grafana's own interval variables are not PromQL: read them as the 5 m the text uses. */
export function withoutGrafanaVariables(q: string): string {
  return q.replace(/\$__rate_interval|\$__interval|\$\{__rate_interval\}|\$\{__interval\}|\$__range/g, '5m');
}

async function canonicalForm(q: string, prom: PromApi): Promise<string | { error: string }> {
  try {
    return await prom.formatQuery(withoutGrafanaVariables(q));
  } catch (error) {
    if (error instanceof PrometheusApiError) return { error: error.message };
    throw error;
  }
}
