import { readFileSync } from 'node:fs';
import type { DataSource } from '../../cli/grafana/schemas.js';
import type { GrafanaSnapshot } from '../../cli/grafana/snapshot.js';

// biome-ignore lint/suspicious/noExplicitAny: tests edit arbitrary dashboard JSON the way a learner's Grafana would.
export type Json = Record<string, any>;

const solution = readFileSync(
  new URL('../../exercises/exercise-2/solution/dashboard.json', import.meta.url),
  'utf8',
).replaceAll('__PROMETHEUS_UID__', 'prom-uid');

/** The reference solution's dashboard, a fresh copy, on the data source below. */
export const solutionDashboard = (): Json => JSON.parse(solution) as Json;

/** The learner's "Prometheus" data source as Grafana's API returns it. */
export const prometheusDataSource: DataSource = {
  id: 1,
  uid: 'prom-uid',
  name: 'Prometheus',
  type: 'prometheus',
  url: 'http://prometheus:9090',
  access: 'proxy',
  isDefault: true,
  jsonData: { timeInterval: '15s' },
};

/**
 * A Grafana snapshot holding the dashboard. By default there is no grading Prometheus: the
 * exercise's own queries pass as the same syntax tree, anything else is unchecked.
 */
export function snapshotOf(
  dashboard: Json | undefined,
  over: Partial<GrafanaSnapshot> = {},
): GrafanaSnapshot {
  return {
    version: '12.2.1',
    dataSources: [prometheusDataSource],
    dataSource: prometheusDataSource,
    health: { status: 'OK', message: 'Successfully queried the Prometheus API.' },
    hits: [],
    dashboard,
    alertRules: [],
    ruleGroupInterval: undefined,
    dashboardStoredAs: dashboard ? 'v1' : undefined,
    answers: { missing: 'no grading Prometheus in this unit test', todo: 'none' },
    failed: {},
    ...over,
  };
}
