import type { DeepReadonly, GrafanaExerciseInput } from '../schema.js';

// Exercise 2 of the workshop as data: what the learner builds in Grafana. Each check id has its
// grader in cli/grafana/grade.ts (the panels share gradePanel); ids follow README.md's numbering.
const count = 'flask_http_request_duration_seconds_count';
const bucket = 'flask_http_request_duration_seconds_bucket';
export const errorPercentQuery = `(sum(rate(${count}{status=~"4..|5.."}[5m])) / sum(rate(${count}[5m]))) * 100`;

const dash = 'Dashboards → Golden Signals Workshop';
export const exercise2 = {
  id: 'exercise-2',
  title: 'Grafana dashboard and alert',
  parts: {
    A: 'Prometheus data source',
    B: 'First dashboard',
    C: 'Latency',
    D: 'Error rate',
    F: 'Resource usage',
    G: 'Dashboard configuration',
    H: 'Alert (bonus)',
  },
  dataSource: {
    name: 'Prometheus',
    type: 'prometheus',
    composeUrl: 'http://prometheus:9090',
    scrapeInterval: '15s',
  },
  dashboard: {
    title: 'Golden Signals Workshop',
    description: 'Four Golden Signals monitoring for Flask app',
    from: 'now-15m',
    to: 'now',
    refresh: '5s',
  },
  panels: [
    {
      check: 'exercise-2/B/2',
      title: 'Request Rate (req/s)',
      types: ['timeseries'],
      targets: [{ name: 'request rate', queries: [`sum(rate(${count}[5m])) by (path)`], legend: '{{path}}' }],
      unit: 'reqps',
      unitName: 'requests/sec (rps)',
    },
    {
      check: 'exercise-2/C/3',
      title: 'Response Time Percentiles',
      types: ['timeseries'],
      targets: [
        { name: 'p50', queries: [`histogram_quantile(0.50, rate(${bucket}[5m]))`], legend: 'p50 - {{path}}' },
        { name: 'p95', queries: [`histogram_quantile(0.95, rate(${bucket}[5m]))`], legend: 'p95 - {{path}}' },
        { name: 'p99', queries: [`histogram_quantile(0.99, rate(${bucket}[5m]))`], legend: 'p99 - {{path}}' },
      ],
      unit: 's',
      unitName: 'seconds (s)',
    },
    {
      check: 'exercise-2/D/4',
      title: 'Error Rate %',
      types: ['stat', 'timeseries'],
      targets: [{ name: 'error rate', queries: [errorPercentQuery], legend: 'Error Rate' }],
      unit: 'percent',
      unitName: 'Percent (0-100)',
      thresholds: [
        { value: 1, color: 'yellow' },
        { value: 5, color: 'red' },
      ],
    },
    {
      check: 'exercise-2/F/6',
      title: 'Docker Container Resources',
      types: ['timeseries'],
      targets: [
        {
          name: 'CPU',
          queries: [
            'rate(container_cpu_usage_seconds_total{name!=""}[5m]) * 100',
            'rate(container_cpu_usage_seconds_total{id=~"/docker/.*"}[5m]) * 100',
          ],
        },
        {
          name: 'memory',
          queries: [
            'container_memory_usage_bytes{name!=""} / 1024 / 1024',
            'container_memory_usage_bytes{id=~"/docker/.*"} / 1024 / 1024',
          ],
        },
      ],
    },
  ],
  alert: { title: 'High Error Rate', above: 5, for: '2m', intervalSeconds: 60, query: errorPercentQuery },
  checks: [
    {
      id: 'exercise-2/A/1',
      reads: 'datasource',
      title: 'A Prometheus data source named "Prometheus"',
      points: 2,
      hint: 'Connections → Data sources → Add data source → Prometheus; Name: Prometheus',
    },
    {
      id: 'exercise-2/A/2',
      reads: 'datasource',
      title: 'Data source URL and access',
      points: 2,
      hint: 'Connections → Data sources → Prometheus → Connection: Prometheus server URL',
    },
    {
      id: 'exercise-2/A/3',
      reads: 'datasource',
      title: 'Save & test passes',
      points: 2,
      hint: 'Connections → Data sources → Prometheus → Save & test; check `workshop status`',
    },
    {
      id: 'exercise-2/B/1',
      reads: 'dashboard',
      title: 'Dashboard "Golden Signals Workshop" saved',
      points: 2,
      hint: 'Dashboards → New → New dashboard; save it as "Golden Signals Workshop"',
    },
    {
      id: 'exercise-2/B/2',
      reads: 'dashboard',
      title: 'Panel "Request Rate (req/s)"',
      points: 3,
      hint: `${dash} → Request Rate (req/s) → Edit (query in Code mode, Legend: Custom, Standard options → Unit)`,
    },
    {
      id: 'exercise-2/C/3',
      reads: 'dashboard',
      title: 'Panel "Response Time Percentiles"',
      points: 3,
      hint: `${dash} → Response Time Percentiles → Edit (queries A, B, C and their legends, Unit: seconds)`,
    },
    {
      id: 'exercise-2/D/4',
      reads: 'dashboard',
      title: 'Panel "Error Rate %"',
      points: 3,
      hint: `${dash} → Error Rate % → Edit (Unit: Percent (0-100); Thresholds: yellow 1, red 5)`,
    },
    {
      id: 'exercise-2/F/6',
      reads: 'dashboard',
      title: 'Panel "Docker Container Resources"',
      points: 2,
      hint: `${dash} → Docker Container Resources → Edit (query A: CPU, query B: memory)`,
    },
    {
      id: 'exercise-2/G/7',
      reads: 'dashboard',
      title: 'Dashboard description',
      points: 1,
      hint: `${dash} → Edit → Settings → Description`,
    },
    {
      id: 'exercise-2/G/8',
      reads: 'dashboard',
      title: 'Last 15 minutes, refreshing every 5 s, saved',
      points: 2,
      hint: `${dash}: time picker "Last 15 minutes", refresh picker "5s", then Save dashboard with "Update default time range" and "Update default refresh value" ticked (saving an existing dashboard leaves both unticked, and then keeps the old range)`,
    },
    {
      id: 'exercise-2/H/10',
      reads: 'alerts',
      title: 'Alert rule "High Error Rate" (bonus)',
      points: 3,
      hint: 'Alerting → Alert rules → New alert rule: the error-rate query, Threshold IS ABOVE 5, evaluate every 1m for 2m',
    },
  ],
} as const satisfies DeepReadonly<GrafanaExerciseInput>;

export type Exercise2CheckId = (typeof exercise2.checks)[number]['id'];
/** The checks that gradePanel grades, one expected panel each. */
export type Exercise2PanelCheckId = (typeof exercise2.panels)[number]['check'];
