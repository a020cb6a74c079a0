import { defaultBuckets } from '../histogram-buckets.js';
import type { DeepReadonly, PromqlExerciseInput } from '../schema.js';

// Exercise 1 of the workshop as data: one check per query of README.md, ids exercise-1/<part>/<step>
// with the text's own numbering. Queries are verbatim from README.md (a test keeps them in step).
const count = 'flask_http_request_duration_seconds_count';
const bucket = 'flask_http_request_duration_seconds_bucket';
const statusCodes = {
  kind: 'labelValues',
  label: 'status',
  pattern: '[45]\\d\\d',
  meaning: '4xx or 5xx codes',
} as const;
const latency = {
  kind: 'range',
  min: 0,
  max: 10,
  meaning: '0–10 s (the histogram tops out at its 10 s bucket)',
} as const;
// Without Docker (the native stack) these are the webapp process's own CPU and memory: accepted
// as the native form of D/1 and D/2.
const processCpu = 'rate(process_cpu_seconds_total{job="webapp-prometheus"}[5m]) * 100';
const processMemory = 'process_resident_memory_bytes{job="webapp-prometheus"} / 1024 / 1024';
const cadvisor = {
  job: 'cadvisor',
  service: 'cadvisor',
  why: 'needs cAdvisor, which only the compose backend runs (it reads Docker containers)',
  instead: `for the webapp process itself: ${processCpu} and ${processMemory}`,
};
const traffic = 'run `workshop traffic quick` and check again after a few seconds';
// The unfiltered sides of Part E's conditions, evaluated in the same round to grade them.
const serverErrorShare = `sum(rate(${count}{status=~"5.."}[5m])) / sum(rate(${count}[5m]))`;
const overallP95 = `histogram_quantile(0.95, sum by (le) (rate(${bucket}[5m])))`;

export const exercise1 = {
  id: 'exercise-1',
  title: 'Golden Signals with PromQL',
  parts: { A: 'Traffic', B: 'Latency', C: 'Errors', D: 'Saturation', E: 'Advanced queries' },
  checks: [
    {
      id: 'exercise-1/A/3',
      title: 'Basic request count',
      query: count,
      expect:
        'one series per method, path and status, covering every path the traffic hit, with exactly the counts it sent',
      assertions: [
        { kind: 'nonEmpty' },
        { kind: 'labels', required: ['method', 'path', 'status'] },
        { kind: 'coversLedgerPaths', label: 'path' },
        { kind: 'ledgerCounts' },
      ],
      hint: `Prometheus must scrape the webapp (job webapp-prometheus): check \`workshop status\`, then ${traffic}.`,
      points: 2,
    },
    {
      id: 'exercise-1/A/4',
      title: 'Request rate',
      query: `rate(${count}[5m])`,
      expect: 'a per-second rate per series, positive for every path the traffic hit in the last 5 minutes',
      assertions: [
        { kind: 'nonEmpty' },
        { kind: 'range', min: 0, meaning: 'non-negative rates' },
        { kind: 'perSecondOf', counter: count },
        { kind: 'positiveWhereCounted', by: 'path', counter: count },
      ],
      hint: `rate() needs two samples inside its [5m] window: ${traffic}.`,
      points: 2,
    },
    {
      id: 'exercise-1/A/5',
      title: 'Total application request rate',
      query: `sum(rate(${count}[5m]))`,
      expect: 'one series without labels whose value is above zero',
      assertions: [
        { kind: 'nonEmpty' },
        { kind: 'maxSeries', max: 1 },
        { kind: 'labels', required: [], only: true },
        { kind: 'positive' },
      ],
      hint: `sum() without "by" adds every series into one: ${traffic}.`,
      points: 1,
    },
    {
      id: 'exercise-1/B/1',
      title: 'Response time histogram',
      query: bucket,
      expect: 'bucket series with an le label, bounds 0.005 … 10 and +Inf',
      assertions: [
        { kind: 'nonEmpty' },
        { kind: 'labels', required: ['le', 'method', 'path', 'status'] },
        { kind: 'buckets', bounds: defaultBuckets },
      ],
      hint: 'The histogram is flask_http_request_duration_seconds; its buckets are the _bucket series.',
      points: 1,
    },
    {
      id: 'exercise-1/B/2',
      title: '95th percentile latency',
      query: `histogram_quantile(0.95, rate(${bucket}[5m]))`,
      expect: 'latencies between 0 and 10 s (NaN for series without requests in the window)',
      assertions: [{ kind: 'nonEmpty' }, latency],
      hint: `histogram_quantile() takes the rate of the _bucket series: ${traffic}.`,
      points: 1,
    },
    {
      id: 'exercise-1/B/3',
      title: '99th percentile latency',
      query: `histogram_quantile(0.99, rate(${bucket}[5m]))`,
      expect: 'latencies between 0 and 10 s, never below the 95th percentile of the same series',
      assertions: [
        { kind: 'nonEmpty' },
        latency,
        {
          kind: 'compare',
          op: '>=',
          query: `histogram_quantile(0.95, rate(${bucket}[5m]))`,
          name: '95th percentile',
          on: ['method', 'path', 'status', 'job', 'instance'],
        },
      ],
      hint: 'Use 0.99 as the first argument of histogram_quantile().',
      points: 1,
    },
    {
      id: 'exercise-1/B/4',
      title: 'Latency by endpoint',
      query: `histogram_quantile(0.95, sum by (le, path) (rate(${bucket}[5m])))`,
      expect:
        'one 95th percentile per path, between p50 and p99, and for /delay at least the smallest delay sent',
      assertions: [
        { kind: 'nonEmpty' },
        { kind: 'labels', required: ['path'], only: true },
        latency,
        {
          kind: 'compare',
          op: '>=',
          query: `histogram_quantile(0.50, sum by (le, path) (rate(${bucket}[5m])))`,
          name: 'median',
          on: ['path'],
        },
        {
          kind: 'compare',
          op: '<=',
          query: `histogram_quantile(0.99, sum by (le, path) (rate(${bucket}[5m])))`,
          name: '99th percentile',
          on: ['path'],
        },
        { kind: 'coversLedgerPaths', label: 'path' },
        { kind: 'delayFloor', label: 'path', value: '/delay' },
      ],
      hint: 'Keep both le and path in the "sum by": histogram_quantile() needs le, and path splits the result per endpoint.',
      points: 2,
    },
    {
      id: 'exercise-1/C/1',
      title: 'Error requests only',
      query: `${count}{status=~"4..|5.."}`,
      expect: 'only series whose status is a 4xx or 5xx code',
      assertions: [
        { kind: 'nonEmpty' },
        statusCodes,
        { kind: 'filterOf', query: count, label: 'status', pattern: '[45]\\d\\d' },
      ],
      hint: 'status=~"4..|5.." is a regular expression: each dot is one character, so 4.. matches 400–499.',
      points: 1,
    },
    {
      id: 'exercise-1/C/2',
      title: 'Error rate',
      query: `rate(${count}{status=~"4..|5.."}[5m])`,
      expect: 'non-negative error rates, only for 4xx and 5xx statuses',
      assertions: [
        { kind: 'nonEmpty' },
        statusCodes,
        { kind: 'range', min: 0, meaning: 'non-negative rates' },
        { kind: 'perSecondOf', counter: count },
      ],
      hint: `Put the status matcher inside the selector, before the [5m] range: ${traffic}.`,
      points: 1,
    },
    {
      id: 'exercise-1/C/3',
      title: 'Error percentage',
      query: `(\n  sum(rate(${count}{status=~"4..|5.."}[5m]))\n  /\n  sum(rate(${count}[5m]))\n) * 100`,
      expect: 'one number between 0 and 100 that agrees with the share of errors the traffic sent',
      assertions: [
        { kind: 'nonEmpty' },
        { kind: 'maxSeries', max: 1 },
        { kind: 'range', min: 0, max: 100, meaning: '0–100 %' },
        { kind: 'visibleShare', counter: count, statuses: '[45]\\d\\d', scale: 100, tolerance: 5 },
      ],
      hint: 'Divide the summed error rate by the summed total rate, then multiply by 100.',
      points: 2,
    },
    {
      id: 'exercise-1/C/4',
      title: 'Error rate by status code',
      query: `sum(rate(${count}{status=~"4..|5.."}[5m])) by (status)`,
      expect: 'one series per error status (4xx/5xx), labelled only with status',
      assertions: [{ kind: 'nonEmpty' }, { kind: 'labels', required: ['status'], only: true }, statusCodes],
      hint: '"by (status)" keeps one series per status code; run `workshop traffic errors` to see 404s and 500s.',
      points: 1,
    },
    {
      id: 'exercise-1/D/1',
      title: 'Container CPU usage',
      query: 'rate(container_cpu_usage_seconds_total{name!=""}[5m]) * 100',
      expect: 'a CPU percentage per Docker container',
      assertions: [{ kind: 'nonEmpty' }, { kind: 'range', min: 0, meaning: 'non-negative percentages' }],
      needs: [cadvisor],
      accepted: [processCpu],
      hint: 'Select Docker containers by their name label: on cgroup-v2 hosts ids do not start with /docker/.',
      points: 1,
    },
    {
      id: 'exercise-1/D/2',
      title: 'Container memory usage',
      query: 'container_memory_usage_bytes{name!=""} / 1024 / 1024',
      expect: 'memory in MB per Docker container',
      assertions: [{ kind: 'nonEmpty' }, { kind: 'range', min: 0, meaning: 'non-negative sizes' }],
      needs: [cadvisor],
      accepted: [processMemory],
      hint: 'Dividing by 1024 twice turns bytes into MiB.',
      points: 1,
    },
    {
      id: 'exercise-1/D/3',
      title: 'Flask app container specifically',
      query: 'rate(container_cpu_usage_seconds_total{name="prometheus-webapp"}[5m]) * 100',
      expect: "the webapp container's CPU percentage",
      assertions: [{ kind: 'nonEmpty' }, { kind: 'range', min: 0, meaning: 'non-negative percentages' }],
      needs: [cadvisor],
      hint: 'The container name is in the name label (container_name in docker-compose.yml); the id label holds a hash.',
      points: 1,
    },
    {
      id: 'exercise-1/E/1',
      title: 'Alert condition: high error rate',
      query: `(\n  sum(rate(${count}{status=~"5.."}[5m]))\n  /\n  sum(rate(${count}[5m]))\n) > 0.05`,
      expect:
        'no series while at most 5 % of requests fail with 5xx, one series (the ratio) above that: exactly when the 5xx share really is above 5 %',
      assertions: [
        { kind: 'conditionMatches', inner: serverErrorShare, op: '>', threshold: 0.05 },
        {
          kind: 'visibleShare',
          counter: count,
          statuses: '5\\d\\d',
          scale: 1,
          tolerance: 0.05,
          of: serverErrorShare,
        },
      ],
      hint: 'A comparison without "bool" filters: the result is empty when the condition is false. `workshop traffic errors` makes it true.',
      points: 1,
    },
    {
      id: 'exercise-1/E/2',
      title: 'SLA: 95 % of requests under 1 second',
      query: `histogram_quantile(0.95, sum by (le) (rate(${bucket}[5m]))) < 1`,
      expect: 'one series (the p95) exactly while the p95 is below 1 s, none when the SLA is violated',
      assertions: [
        { kind: 'conditionMatches', inner: overallP95, op: '<', threshold: 1 },
        { kind: 'maxSeries', max: 1 },
      ],
      hint: 'Aggregate with sum by (le) first, so the comparison gives at most one series.',
      points: 1,
    },
  ],
} as const satisfies DeepReadonly<PromqlExerciseInput>;

export type Exercise1CheckId = (typeof exercise1.checks)[number]['id'];
