import { describe, expect, it } from 'vitest';
import { nearMiss, related } from './near-miss.js';

const count = 'flask_http_request_duration_seconds_count';
const bucket = 'flask_http_request_duration_seconds_bucket';
const ctx = { scrapeIntervalSeconds: 5 };

describe('nearMiss: what differs, from the syntax trees, in one sentence', () => {
  it.each([
    [
      'sum by (path) without le before histogram_quantile',
      `histogram_quantile(0.95, sum by (le, path) (rate(${bucket}[5m])))`,
      `histogram_quantile(0.95, sum by (path) (rate(${bucket}[5m])))`,
      /sum by \(path\) drops the le label/,
      'keep le in the grouping: sum by (le, path) (…)',
    ],
    [
      'histogram_quantile over raw buckets',
      `histogram_quantile(0.95, rate(${bucket}[5m]))`,
      `histogram_quantile(0.95, ${bucket})`,
      /applied to the raw bucket counters/,
      /rate\(flask_http_request_duration_seconds_bucket\[5m\]\)/,
    ],
    [
      'a counter without rate()',
      `rate(${count}[5m])`,
      count,
      /is a counter: it only ever grows/,
      `rate(${count}[5m]) turns it into a per-second rate`,
    ],
    [
      'rate(sum(…)) instead of sum(rate(…))',
      `sum(rate(${count}[5m]))`,
      `rate(sum(${count})[5m:])`,
      /rate\(\) is applied to a sum/,
      'rate() comes first, then the sum: sum(rate(…[5m]))',
    ],
    [
      'by on one side of the operator',
      `(sum(rate(${count}{status=~"4..|5.."}[5m])) / sum(rate(${count}[5m]))) * 100`,
      `(sum(rate(${count}{status=~"4..|5.."}[5m])) by (status) / sum(rate(${count}[5m]))) * 100`,
      /groups only one side of the operator/,
      /sum by \(status\)/,
    ],
    [
      'status=~"4.." when 4xx and 5xx are asked',
      `${count}{status=~"4..|5.."}`,
      `${count}{status=~"4.."}`,
      /matches only 4xx codes/,
      'write status=~"4..|5.."',
    ],
    [
      'id=~"/docker/.*" on cgroup v2',
      'rate(container_cpu_usage_seconds_total{name!=""}[5m]) * 100',
      'rate(container_cpu_usage_seconds_total{id=~"/docker/.*"}[5m]) * 100',
      /cgroup-v2/,
      /name label/,
    ],
    [
      'a window shorter than two scrapes',
      `rate(${count}[5m])`,
      `rate(${count}[5s])`,
      /fewer than two scrapes/,
      "use the exercise's [5m] window",
    ],
    [
      'another window',
      `rate(${count}[5m])`,
      `rate(${count}[1m])`,
      /differs from the exercise's \[5m\]/,
      'use [5m]',
    ],
    [
      'one series per path where one in all is asked',
      `sum(rate(${count}[5m]))`,
      `sum(rate(${count}[5m])) by (path)`,
      /keeps one series per path; this step adds everything into one/,
      /drop the by \(path\)/,
    ],
    [
      'no grouping where one per status is asked',
      `sum(rate(${count}[5m])) by (status)`,
      `sum(rate(${count}[5m]))`,
      /one series per status/,
      'group by (status)',
    ],
    [
      'another quantile',
      `histogram_quantile(0.99, rate(${bucket}[5m]))`,
      `histogram_quantile(0.95, rate(${bucket}[5m]))`,
      /95th percentile; this step asks for the 99th/,
      'write histogram_quantile(0.99, …)',
    ],
  ] as const)('%s', (_name, reference, attempt, sentence, hint) => {
    const miss = nearMiss(reference, attempt, ctx);
    expect(miss?.sentence).toMatch(sentence);
    if (typeof hint === 'string') expect(miss?.hint).toBe(hint);
    else expect(miss?.hint).toMatch(hint);
  });

  it('says nothing for the right query, or one written differently', () => {
    expect(
      nearMiss(`sum(rate(${count}[5m])) by (path)`, `sum by (path) (rate(${count}[5m]))`, ctx),
    ).toBeUndefined();
    expect(nearMiss(`rate(${count}[5m])`, `rate(${count}[5m])`, ctx)).toBeUndefined();
  });

  it('relates an attempt to a check by the metric family it reads', () => {
    expect(related(`histogram_quantile(0.95, rate(${bucket}[5m]))`, `rate(${count}[5m])`)).toBe(true);
    expect(related(`rate(${count}[5m])`, 'up')).toBe(false);
  });
});
