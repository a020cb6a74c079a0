import { afterEach, describe, expect, it } from 'vitest';
import { recordedPrometheus } from '../../test/helpers/recorded-prometheus.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { ScrapeTarget } from '../prometheus/schemas.js';
import { closest, diagnoseEmpty } from './diagnose.js';

let server: Awaited<ReturnType<typeof recordedPrometheus>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const up = (job: string): ScrapeTarget => ({
  labels: { job },
  scrapePool: job,
  scrapeUrl: '',
  lastError: '',
  lastScrape: '',
  health: 'up',
});
const count = 'flask_http_request_duration_seconds_count';

async function client(routes: Record<string, string>) {
  server = await recordedPrometheus(routes);
  return new PrometheusClient(server.url);
}

describe('diagnoseEmpty (recorded Prometheus answers)', () => {
  it('says when a metric was never seen, and that it is final', async () => {
    const api = await client({
      '/api/v1/series': 'series-empty.json',
      '/api/v1/label/__name__/values': 'metric-names-webapp.json',
    });
    const d = await diagnoseEmpty('rate(flask_http_requests_total[5m])', api, [up('webapp-prometheus')], 5);
    expect(d).toEqual({
      message:
        'Prometheus has never seen the metric flask_http_requests_total; did you mean flask_http_request_total?',
      final: true,
      hint: 'write flask_http_request_total instead of flask_http_requests_total',
    });
  });

  it('says a not-yet-scraped target is worth waiting for', async () => {
    const api = await client({ '/api/v1/series': 'series-empty.json' });
    const pending: ScrapeTarget = { ...up('webapp-prometheus'), health: 'unknown' };
    const d = await diagnoseEmpty(count, api, [pending], 5);
    expect(d.final).toBe(false);
    expect(d.message).toContain('has not scraped webapp-prometheus yet');
  });

  it('names a label value that never occurs, with a did-you-mean from the real values', async () => {
    const api = await client({
      '/api/v1/series': 'series-count.json',
      '/api/v1/labels': 'labels-count.json',
      '/api/v1/label/status/values': 'label-values-status.json',
    });
    const d = await diagnoseEmpty(`${count}{status="5000"}`, api, [up('webapp-prometheus')], 5);
    expect(d.message).toBe(
      `no ${count} series has status="5000"; did you mean "500"? (such values appear only once requests produce them: try \`workshop traffic errors\`)`,
    );
  });

  it('names a label that the metric does not have', async () => {
    const api = await client({
      '/api/v1/series': 'series-count.json',
      '/api/v1/labels': 'labels-count.json',
    });
    const d = await diagnoseEmpty(`${count}{endpoint="hello"}`, api, [up('webapp-prometheus')], 5);
    expect(d).toEqual({
      message: expect.stringMatching(
        /has no label endpoint \(its labels: instance, job, method, path, status\)/,
      ),
      final: true,
      hint: 'select on one of its labels: instance, job, method, path, status',
    });
  });

  it('suggests the label a typo meant (statuz), and the path value a typo meant (/helth)', async () => {
    const api = await client({
      '/api/v1/series': 'series-count.json',
      '/api/v1/labels': 'labels-count.json',
      '/api/v1/label/path/values': 'label-values-path.json',
    });
    const label = await diagnoseEmpty(`${count}{statuz="500"}`, api, [up('webapp-prometheus')], 5);
    expect(label).toMatchObject({ final: true, hint: 'write status instead of statuz' });
    expect(label.message).toContain('has no label statuz; did you mean status?');
    const value = await diagnoseEmpty(`${count}{path="/helth"}`, api, [up('webapp-prometheus')], 5);
    expect(value).toMatchObject({ final: true, hint: 'write path="/health" instead of path="/helth"' });
    expect(value.message).toContain('did you mean "/health"?');
  });

  it('flags a range shorter than two scrape intervals', async () => {
    const api = await client({
      '/api/v1/series': 'series-count.json',
      '/api/v1/labels': 'labels-count.json',
    });
    const d = await diagnoseEmpty(`rate(${count}[5s])`, api, [up('webapp-prometheus')], 5);
    expect(d.message).toContain('[5s]');
    expect(d.message).toContain('shorter than two scrape intervals (10 s)');
  });
});

describe('closest', () => {
  it('suggests only near values', () => {
    expect(closest('/helth', ['/health', '/delay'])).toBe('/health');
    expect(closest('checkout', ['/health', '/delay'])).toBeUndefined();
  });
});

describe('diagnoseEmpty with a target that went down', () => {
  it('says the target is down, with its last error, and that waiting may help', async () => {
    const api = await client({ '/api/v1/series': 'series-count.json' });
    const down: ScrapeTarget = {
      ...up('webapp-prometheus'),
      health: 'down',
      lastError: 'connection refused',
    };
    const d = await diagnoseEmpty(`rate(${count}[5m])`, api, [up('prometheus'), down], 5);
    expect(d).toEqual({
      message: `${count} comes from webapp-prometheus, which is down (connection refused)`,
      final: false,
    });
  });
});

describe("diagnoseEmpty and the workshop text's cAdvisor traps", () => {
  it('explains that container ids hold no name and gives the query that works', async () => {
    // No cAdvisor can run here to record from: these are the labels cAdvisor puts on a Docker
    // container of a cgroup-v2 host (google/cadvisor metrics/prometheus.go, container/docker/handler.go).
    const metric = 'container_cpu_usage_seconds_total';
    const ids = [
      '/',
      '/system.slice/docker-3f2a9c0d5e7b4a1f8c6d2e9b0a7f5c3d1e8b6a4f2c0d9e7b5a3f1c8d6e4b2a0f.scope',
    ];
    const api = {
      series: async () => [
        { __name__: metric, job: 'cadvisor', id: ids[1] as string, name: 'prometheus-webapp' },
      ],
      labelNames: async () => ['__name__', 'cpu', 'id', 'image', 'instance', 'job', 'name'],
      labelValues: async (label: string) =>
        label === 'id' ? ids : ['prometheus-webapp', 'prometheus-server'],
      query: async () => ({ data: { resultType: 'vector' as const, result: [] }, warnings: [], infos: [] }),
      targets: async () => [],
      formatQuery: async (q: string) => q,
    };
    const trap1 = await diagnoseEmpty(
      `rate(${metric}{id=~"/docker/.*"}[5m]) * 100`,
      api,
      [up('cadvisor')],
      5,
    );
    expect(trap1.message).toContain('/system.slice/docker-<id>.scope');
    expect(trap1.message).toContain(`${metric}{name!=""}`);
    const trap2 = await diagnoseEmpty(
      `rate(${metric}{id=~".*prometheus-webapp.*"}[5m]) * 100`,
      api,
      [up('cadvisor')],
      5,
    );
    expect(trap2.message).toContain('never its name');
    expect(trap2.message).toContain('{name="prometheus-webapp"}');
  });
});
