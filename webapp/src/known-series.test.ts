import { afterEach, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../test/exposition.js';
import { startTestApp, type TestApp, testConfig } from '../test/harness.js';
import { routeStatuses, workshopMissingPaths } from './known-series.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('known series', () => {
  it('are exported at zero before any request, so rate() sees the first burst', async () => {
    app = await startTestApp();
    const samples = parseExposition((await app.get('/metrics')).text);
    for (const [path, statuses] of Object.entries(routeStatuses)) {
      for (const status of statuses) {
        const labels = { method: 'GET', path, status: String(status) };
        expect(
          sampleValue(samples, 'flask_http_request_duration_seconds_count', labels),
          `${path} ${status}`,
        ).toBe(0);
      }
    }
    // The workshop's own 404 paths too: a burst of 15 × /nonexistent must show as a rate, not as 0.
    for (const path of workshopMissingPaths) {
      expect(
        sampleValue(samples, 'flask_http_request_duration_seconds_count', {
          method: 'GET',
          path,
          status: '404',
        }),
        path,
      ).toBe(0);
    }
    expect(sampleValue(samples, 'flask_http_request_total', { method: 'GET', status: '500' })).toBe(0);
    expect(sampleValue(samples, 'webapp_business_operations_total', { operation_type: 'payment' })).toBe(0);
    expect(sampleValue(samples, 'webapp_custom_requests_total', { endpoint: 'hello' })).toBe(0);
  });

  it('count from zero once requests arrive', async () => {
    app = await startTestApp();
    await app.get('/error?rate=0');
    await app.get('/error?rate=0');
    const samples = parseExposition((await app.get('/metrics')).text);
    const labels = { method: 'GET', path: '/error', status: '200' };
    expect(sampleValue(samples, 'flask_http_request_duration_seconds_count', labels)).toBe(2);
    expect(
      sampleValue(samples, 'flask_http_request_duration_seconds_count', { ...labels, status: '500' }),
    ).toBe(0);
  });
});

describe('the unknown-path cap', () => {
  it("never swallows the workshop's own 404 paths, however many other paths came first", async () => {
    app = await startTestApp({ ...testConfig(), maxUnknownPaths: 2 });
    for (const p of ['/a', '/b', '/c', '/d']) await app.get(p);
    for (const p of workshopMissingPaths) await app.get(p);
    const samples = parseExposition((await app.get('/metrics')).text);
    for (const path of workshopMissingPaths) {
      expect(
        sampleValue(samples, 'flask_http_request_duration_seconds_count', {
          method: 'GET',
          path,
          status: '404',
        }),
        path,
      ).toBe(1);
    }
    expect(
      sampleValue(samples, 'flask_http_request_duration_seconds_count', {
        method: 'GET',
        path: '/<unmatched>',
        status: '404',
      }),
    ).toBe(2);
  });
});
