import { no, ok, type Variant } from './exercise-1.variants.js';

// pint-style tables for Exercise 2: for each query a panel or the alert rule must hold, what a
// learner may type in Grafana, each with the verdict it must get. Keyed by check and target name
// (exercise 2's panel targets; "alert" for the rule's query). `factsOnly`: the syntax tree or
// Grafana's alert model tells it apart, data at no point can (increase() and rate() give the same
// quantile and the same share; the error share never falls below 5 % in the grading data).
export interface AlertVariant extends Variant {
  /** The rule's condition, when it is what differs (default: IS ABOVE 5). */
  threshold?: { type: string; value: number };
}

const c = 'flask_http_request_duration_seconds_count';
const b = 'flask_http_request_duration_seconds_bucket';
const cpu = 'container_cpu_usage_seconds_total';
const mem = 'container_memory_usage_bytes';
/** The same table for p50, p95 and p99: `other` is a quantile a learner may mistype. */
function percentile(q: string, other: string): Variant[] {
  const hq = (inner: string, quantile = q) => `histogram_quantile(${quantile}, ${inner})`;
  return [
    ok(hq(`rate(${b}[300s])`), '300s is 5m'),
    ok(hq(`rate(${b}[5m])`, q.replace(/^0/, '')), `${q.replace(/^0/, '')} is ${q}`),
    ok(`histogram_quantile( ${q} ,\n  rate( ${b} [5m] )\n)`, 'whitespace'),
    ok(hq(`(rate(${b}[5m]))`), 'parentheses'),
    ok(hq(`sum by (le, method, path, status, job, instance) (rate(${b}[5m]))`), 'summed by every label'),
    ok(hq(`rate(${b}{le=~".+"}[5m])`), 'every bucket'),
    no(hq(`rate(${b}[5m])`, other), `quantile ${other}`),
    no(hq(`rate(${b}[5m])`, String(Math.round(Number(q) * 100))), 'a percentage, not a quantile'),
    no(hq(`rate(${b}[1m])`), 'window'),
    no(hq(`irate(${b}[5m])`), 'irate'),
    no(hq(`increase(${b}[5m])`), 'increase (the same quantile: the tree tells)', true),
    no(hq(b), 'counter without rate'),
    no(hq(`sum by (path) (rate(${b}[5m]))`), 'missing le'),
    no(hq(`sum by (le) (rate(${b}[5m]))`), 'summed over every path'),
    no(hq(`rate(${b}[5m] offset 5m)`), 'offset'),
    no(`rate(${b}[5m])`, 'no quantile'),
  ];
}

const errorShare: Variant[] = [
  ok(`100 * sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m]))`, '100 * first'),
  ok(`sum(rate(${c}{status=~"[45].."}[5m])) / sum(rate(${c}[5m])) * 100`, '[45].. and no parentheses'),
  ok(`((sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m])))) * 100`, 'extra parentheses'),
  ok(`sum(rate(${c}{status=~"4..|5.."}[300s])) / sum(rate(${c}[300s])) * 100`, '300s is 5m'),
  ok(`(\n  sum(rate(${c}{status=~"4..|5.."}[5m]))\n  /\n  sum(rate(${c}[5m]))\n) * 100`, 'multi-line'),
  ok(
    `100 * (1 - sum(rate(${c}{status=~"2..|3.."}[5m])) / sum(rate(${c}[5m])))`,
    'one minus the success share',
  ),
  no(`sum(rate(${c}{status=~"5.."}[5m])) / sum(rate(${c}[5m])) * 100`, '5xx only'),
  no(`sum(rate(${c}{status=~"4.."}[5m])) / sum(rate(${c}[5m])) * 100`, '4xx only'),
  no(`sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m]))`, 'missing * 100'),
  no(`sum(rate(${c}{status=~"4..|5.."}[1m])) / sum(rate(${c}[1m])) * 100`, 'window'),
  no(`sum(irate(${c}{status=~"4..|5.."}[5m])) / sum(irate(${c}[5m])) * 100`, 'irate'),
  no(
    `sum(increase(${c}{status=~"4..|5.."}[5m])) / sum(increase(${c}[5m])) * 100`,
    'increase (the same share: the tree tells)',
    true,
  ),
  no(`sum(${c}{status=~"4..|5.."}) / sum(${c}) * 100`, 'counter without rate'),
  no(`sum(rate(${c}{status=~"4..|5.."}[5m] offset 5m)) / sum(rate(${c}[5m] offset 5m)) * 100`, 'offset'),
  no(`sum(rate(${c}{status=~"4..|5.."}[5m])) * 100`, 'no division'),
  no(`sum by (path) (rate(${c}{status=~"4..|5.."}[5m])) / sum by (path) (rate(${c}[5m])) * 100`, 'per path'),
  no(
    `sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m])) * 100 > 5`,
    'the threshold in the query (the share is above 5 all through the data: the tree tells)',
    true,
  ),
];

const above = (type: string, value: number, why: string): AlertVariant => ({
  query: `100 * sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m]))`,
  right: false,
  why,
  factsOnly: true,
  threshold: { type, value },
});

export const exercise2Variants: Record<string, AlertVariant[]> = {
  'exercise-2/B/2 request rate': [
    ok(`sum by (path) (rate(${c}[5m]))`, 'by before'),
    ok(`sum(rate(${c}[300s])) by (path)`, '300s is 5m'),
    ok(`  sum( rate( ${c} [5m] ) )\n  by ( path ) `, 'whitespace'),
    ok(
      `sum without (method, status, job, instance) (rate(${c}[5m]))`,
      'sum without exactly the other labels',
    ),
    ok(`((sum(rate(${c}[5m])) by (path)))`, 'extra parentheses'),
    ok(`sum(rate(${b}{le="+Inf"}[5m])) by (path)`, 'the +Inf bucket counts every request'),
    no(`sum(rate(${c}[1m])) by (path)`, 'window'),
    no(`sum(irate(${c}[5m])) by (path)`, 'irate'),
    no(`sum(increase(${c}[5m])) by (path)`, 'increase'),
    no(`sum(${c}) by (path)`, 'counter without rate'),
    no(`sum(rate(${c}[5m] offset 5m)) by (path)`, 'offset'),
    no(`sum(rate(${c}[5m])) by (status)`, 'by status'),
    no(`sum(rate(${c}[5m]))`, 'not by path'),
    no(`sum(rate(${c}{status=~"4..|5.."}[5m])) by (path)`, 'errors only'),
    no(`sum(rate(flask_http_request_duration_seconds_sum[5m])) by (path)`, 'the _sum series'),
    no(`avg(rate(${c}[5m])) by (path)`, 'avg'),
    no(`sum(rate(${c}[5m])) by (path) * 60`, 'per minute'),
  ],
  'exercise-2/C/3 p50': percentile('0.50', '0.95'),
  'exercise-2/C/3 p95': percentile('0.95', '0.99'),
  'exercise-2/C/3 p99': percentile('0.99', '0.95'),
  'exercise-2/D/4 error rate': errorShare,
  'exercise-2/F/6 CPU': [
    ok(`100 * rate(${cpu}{name!=""}[5m])`, '100 * first'),
    ok(`rate(${cpu}{name=~".+"}[5m]) * 100`, 'name=~".+"'),
    ok(`rate(${cpu}{image!=""}[5m]) * 100`, 'only containers have an image'),
    ok(`rate(${cpu}{id=~"/docker/.+"}[300s]) * 100`, 'the docker cgroups, 300s'),
    ok(`(rate(${cpu}{name!=""}[5m])) * (100)`, 'parentheses'),
    ok(`rate(${cpu}{name!="", cpu="total"}[5m]) * 100`, 'cpu="total"'),
    no(`rate(${cpu}[5m]) * 100`, 'every cgroup, not only containers'),
    no(`rate(${cpu}{name!=""}[5m])`, 'missing * 100'),
    no(`rate(${cpu}{name!=""}[1m]) * 100`, 'window'),
    no(`irate(${cpu}{name!=""}[5m]) * 100`, 'irate'),
    no(`increase(${cpu}{name!=""}[5m]) * 100`, 'increase'),
    no(`${cpu}{name!=""} * 100`, 'counter without rate'),
    no(`rate(${cpu}{name!=""}[5m] offset 5m) * 100`, 'offset'),
    no(`sum(rate(${cpu}{name!=""}[5m])) * 100`, 'summed'),
    no(`rate(${cpu}{name=""}[5m]) * 100`, 'the cgroups that are not containers'),
  ],
  'exercise-2/F/6 memory': [
    ok(`${mem}{name!=""} / 1048576`, '/ 1048576'),
    ok(`${mem}{name!=""} / (1024 * 1024)`, '/ (1024 * 1024)'),
    ok(`${mem}{name!=""} / 1024 ^ 2`, '/ 1024 ^ 2'),
    ok(`${mem}{id=~"/docker/.+"} / 1024 / 1024`, 'the docker cgroups'),
    ok(`  ${mem}{ name != "" }\n  / 1024 / 1024`, 'whitespace'),
    ok(`(${mem}{name!=""}) / 1024 / 1024`, 'parentheses'),
    no(`${mem}{name!=""} / 1024`, 'KiB'),
    no(`${mem}{name!=""} / 1000 / 1000`, 'decimal MB'),
    no(`${mem}{name!=""}`, 'bytes'),
    no(`${mem} / 1024 / 1024`, 'every cgroup'),
    no(`${mem}{name!=""} offset 5m / 1024 / 1024`, 'offset'),
    no(`rate(${mem}{name!=""}[5m]) / 1024 / 1024`, 'rate of a gauge'),
    no(`sum(${mem}{name!=""}) / 1024 / 1024`, 'summed'),
    no(`avg_over_time(${mem}{name!=""}[5m]) / 1024 / 1024`, 'smoothed over 5m'),
    no(`process_resident_memory_bytes / 1024 / 1024`, 'the processes, not the containers'),
  ],
  'exercise-2/H/10 alert': [
    ...errorShare,
    above('lt', 5, 'IS BELOW 5'),
    above('gt', 0.05, 'IS ABOVE 0.05 (a share, not a percentage)'),
    above('gt', 50, 'IS ABOVE 50'),
    above('gte', 5, 'IS ABOVE OR EQUAL TO 5'),
  ],
};
