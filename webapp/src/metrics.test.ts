import { describe, expect, it } from 'vitest';
import { findSamples, parseExposition, type Sample, sampleValue } from '../test/exposition.js';
import { appsClosedAfterEach, type TestApp, testConfig } from '../test/harness.js';
import type { CpuRunner } from './cpu-pool.js';
import { routeStatuses, workshopMissingPaths } from './known-series.js';
import { durationBuckets } from './metrics.js';
import { unmatchedPathLabel } from './path-labels.js';

const start = appsClosedAfterEach();

async function scrape(app: TestApp): Promise<Sample[]> {
  const res = await app.get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(res.text);
}

const count = 'flask_http_request_duration_seconds_count';

describe('/metrics after a known sequence of requests', () => {
  it('counts every request but the scrapes, with the original metric names and labels', async () => {
    // randint draw 0 → 1 ≤ rate; choice draw 0.5 → the simulated 404
    const draws = [0, 0.5];
    const app = await start(testConfig(), { random: () => draws.shift() ?? 0 });
    for (const path of ['/', '/', '/health', '/business-metrics?operation=product_view', '/error?rate=100']) {
      await app.get(path);
    }
    await app.get('/users');
    await app.get('/users?page=2');
    await app.get('/health', { method: 'POST' });
    await app.get('/business-metrics?operation=refund');
    await app.get('/metrics');
    await app.get('/metrics');
    const samples = await scrape(app);

    expect(sampleValue(samples, count, { method: 'GET', path: '/', status: '200' })).toBe(2);
    expect(sampleValue(samples, count, { method: 'GET', path: '/health', status: '200' })).toBe(1);
    expect(sampleValue(samples, count, { method: 'GET', path: '/business-metrics', status: '200' })).toBe(1);
    expect(sampleValue(samples, count, { method: 'GET', path: '/business-metrics', status: '400' })).toBe(1);
    expect(sampleValue(samples, count, { method: 'GET', path: '/error', status: '404' })).toBe(1);
    expect(sampleValue(samples, count, { method: 'GET', path: '/users', status: '404' })).toBe(2);
    expect(sampleValue(samples, count, { method: 'POST', path: '/health', status: '405' })).toBe(1);
    // Known series start at zero (known-series.ts); these are the ones the requests touched.
    expect(findSamples(samples, count).filter((x) => x.value > 0)).toHaveLength(7);
    expect(samples.filter((s) => s.labels.path === '/metrics')).toEqual([]);

    expect(sampleValue(samples, 'flask_http_request_total', { method: 'GET', status: '200' })).toBe(4);
    expect(sampleValue(samples, 'flask_http_request_total', { method: 'GET', status: '404' })).toBe(3);
    expect(sampleValue(samples, 'flask_http_request_total', { method: 'GET', status: '400' })).toBe(1);
    expect(sampleValue(samples, 'flask_http_request_total', { method: 'POST', status: '405' })).toBe(1);
    expect(findSamples(samples, 'flask_http_request_exceptions_total')).toEqual([]);

    expect(sampleValue(samples, 'webapp_custom_requests_total', { endpoint: 'hello' })).toBe(2);
    expect(sampleValue(samples, 'webapp_custom_requests_total', { endpoint: 'business_metrics' })).toBe(2);
    expect(findSamples(samples, 'webapp_business_operations_total').filter((x) => x.value > 0)).toEqual([
      { name: 'webapp_business_operations_total', labels: { operation_type: 'product_view' }, value: 1 },
    ]);
  });

  it('has the prometheus_client default buckets, cumulative, and observes seconds', async () => {
    const app = await start();
    await app.get('/delay?seconds=0.3');
    const samples = await scrape(app);
    const buckets = findSamples(samples, 'flask_http_request_duration_seconds_bucket', {
      path: '/delay',
      status: '200',
    });
    expect(buckets.map((b) => b.labels.le)).toEqual([...durationBuckets.map(String), '+Inf']);
    expect(buckets.map((b) => b.value)).toEqual(durationBuckets.map((le) => (le >= 0.5 ? 1 : 0)).concat(1));
    const sum = sampleValue(samples, 'flask_http_request_duration_seconds_sum', {
      path: '/delay',
      status: '200',
    });
    expect(sum).toBeGreaterThanOrEqual(0.3);
    expect(sum).toBeLessThan(0.5);
  });

  it('includes the default process and Node.js metrics', async () => {
    const samples = await scrape(await start());
    expect(sampleValue(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(1024 * 1024);
    expect(sampleValue(samples, 'process_start_time_seconds')).toBeGreaterThan(0);
    expect(findSamples(samples, 'nodejs_heap_size_used_bytes')).toHaveLength(1);
  });
});

describe('the path label', () => {
  it('keeps the first MAX_UNKNOWN_PATHS unknown paths and folds the rest into one label', async () => {
    const app = await start(testConfig({ maxUnknownPaths: 2 }));
    for (const path of ['/a', '/b', '/c', '/d?x=1', '/a?y=2', `/${'z'.repeat(300)}`]) await app.get(path);
    const samples = await scrape(app);
    const known = new Set<string>([...Object.keys(routeStatuses), ...workshopMissingPaths]);
    const unknown = findSamples(samples, count).filter((x) => !known.has(x.labels.path ?? ''));
    const byPath = Object.fromEntries(unknown.map((x) => [x.labels.path, x.value]));
    expect(byPath).toEqual({ '/a': 2, '/b': 1, [unmatchedPathLabel]: 3 });
  });
});

describe('unhandled exceptions', () => {
  it('answer 500 JSON and count in flask_http_request_exceptions_total; simulated 500s do not', async () => {
    const failingCpu: CpuRunner = {
      run: () => Promise.reject(new Error('worker exploded')),
      close: async () => {},
    };
    const app = await start(testConfig(), { cpu: failingCpu, random: () => 0.99 });
    const res = await app.json('/cpu-intensive?iterations=10');
    expect(res).toMatchObject({ status: 500, body: { error: 'Internal server error' } });
    expect((await app.get('/error?rate=100')).status).toBe(500);
    const samples = await scrape(app);
    expect(findSamples(samples, 'flask_http_request_exceptions_total')).toEqual([
      { name: 'flask_http_request_exceptions_total', labels: { method: 'GET', status: '500' }, value: 1 },
    ]);
    expect(sampleValue(samples, 'flask_http_request_total', { method: 'GET', status: '500' })).toBe(2);
  });
});

describe('WEBAPP_INSTRUMENTATION=off', () => {
  it('serves the same endpoints without /metrics', async () => {
    const app = await start(testConfig({ instrumentation: false }));
    expect(app.webapp.registry).toBeUndefined();
    expect((await app.json('/')).body).toMatchObject({ message: 'Hello, World! Monitored by Prometheus' });
    expect((await app.json('/business-metrics?operation=product_view')).status).toBe(200);
    expect((await app.json('/metrics')).status).toBe(404);
  });
});
