import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testConfig } from '../test/harness.js';

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Random numbers the app will draw next, in order; 0.5 when the list runs out.
let randoms: number[] = [];
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp(testConfig(), { random: () => randoms.shift() ?? 0.5 });
});
afterAll(() => app.close());
beforeEach(() => {
  randoms = [];
});

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

describe('GET / and /health', () => {
  it('/ says hello with an ISO timestamp', async () => {
    const { status, body, headers } = await app.json('/');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(body).toEqual({
      message: 'Hello, World! Monitored by Prometheus',
      timestamp: expect.stringMatching(isoTimestamp),
    });
    const { timestamp } = body as { timestamp: string };
    expect(Math.abs(Date.parse(timestamp) - Date.now())).toBeLessThan(5_000);
  });

  it('/health is healthy', async () => {
    const { status, body } = await app.json('/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'healthy', timestamp: expect.stringMatching(isoTimestamp) });
  });

  it('HEAD answers like GET without a body', async () => {
    const res = await app.get('/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});

describe('GET /business-metrics', () => {
  it('runs the named operation for its processing time', async () => {
    const [{ status, body }, ms] = await timed(() => app.json('/business-metrics?operation=product_view'));
    expect(status).toBe(200);
    expect(body).toEqual({
      message: "Business operation 'product_view' completed",
      operation: 'product_view',
      processing_time: 0.05,
      timestamp: expect.stringMatching(isoTimestamp),
    });
    expect(ms).toBeGreaterThanOrEqual(45);
  });

  it.each([
    [0, 'user_login', 0.1],
    [0.25, 'product_view', 0.05],
  ])('without an operation picks one at random (draw %d → %s)', async (draw, operation, seconds) => {
    randoms = [draw];
    const { status, body } = await app.json('/business-metrics');
    expect(status).toBe(200);
    expect(body).toMatchObject({ operation, processing_time: seconds });
  });
});

// These only wait, sharing no state, so they run side by side.
describe.concurrent('GET /delay', () => {
  it('answers after the given seconds, printed like Python prints a float', async ({ expect }) => {
    const [{ status, body }, ms] = await timed(() => app.json('/delay?seconds=0.2'));
    expect(status).toBe(200);
    expect(body).toEqual({ message: 'Delayed response after 0.2 seconds', delay: 0.2 });
    expect(ms).toBeGreaterThanOrEqual(195);
  });

  it('prints whole seconds as Python does ("0.0")', async ({ expect }) => {
    expect((await app.json('/delay?seconds=0')).body).toEqual({
      message: 'Delayed response after 0.0 seconds',
      delay: 0,
    });
  });

  it('waits 1 second by default', async ({ expect }) => {
    const [{ body }, ms] = await timed(() => app.json('/delay'));
    expect(body).toEqual({ message: 'Delayed response after 1.0 seconds', delay: 1 });
    expect(ms).toBeGreaterThanOrEqual(995);
  });
});

describe('GET /error', () => {
  it.each([
    // [rate, draws, status, body]: the first draw is randint(1, 100), the second picks the error.
    ['100', [0, 0], 400, { error: 'Bad request simulation' }],
    ['100', [0.99, 0.5], 404, { error: 'Resource not found simulation' }],
    ['100', [0.5, 0.9], 500, { error: 'Internal server error simulation' }],
    ['0', [0], 200, { message: 'Success! No error generated this time' }],
    ['30', [0.29], 400, { error: 'Bad request simulation' }],
    ['30', [0.3], 200, { message: 'Success! No error generated this time' }],
  ] as const)('rate=%s with draws %j → %d', async (rate, draws, status, body) => {
    randoms = [...draws, 0];
    const res = await app.json(`/error?rate=${rate}`);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
  });

  it('uses a rate of 50 by default', async () => {
    randoms = [0.49, 0];
    expect((await app.json('/error')).status).toBe(400);
    randoms = [0.5];
    expect((await app.json('/error')).status).toBe(200);
  });
});

describe('GET /cpu-intensive', () => {
  it('returns the exact sum of squares and the time it took', async () => {
    const { status, body } = await app.json('/cpu-intensive?iterations=1000');
    expect(status).toBe(200);
    expect(body).toEqual({
      message: 'CPU-intensive operation completed',
      iterations: 1000,
      result: 332_833_500,
      execution_time: expect.any(Number),
    });
    expect((body as { execution_time: number }).execution_time).toBeGreaterThan(0);
  });

  it('runs 100000 iterations by default', async () => {
    const { body } = await app.json('/cpu-intensive');
    expect(body).toMatchObject({ iterations: 100_000, result: 333_328_333_350_000 });
  });
});

describe('GET /memory-usage', () => {
  it('allocates the given size', async () => {
    const { status, body } = await app.json('/memory-usage?size=3');
    expect(status).toBe(200);
    expect(body).toEqual({ message: 'Allocated 3 MB of memory', size_bytes: 3 * 1024 * 1024 });
  });

  it('allocates 10 MB by default', async () => {
    expect((await app.json('/memory-usage')).body).toEqual({
      message: 'Allocated 10 MB of memory',
      size_bytes: 10 * 1024 * 1024,
    });
  });
});

describe('unknown paths and methods', () => {
  it.each(['/users', '/nonexistent/deeper', '/health/', '/HEALTH', '/%'])(
    '%s is a JSON 404',
    async (path) => {
      const res = await app.get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toMatchObject({ error: 'Not found' });
    },
  );

  it.each([
    ['POST', '/health'],
    ['PUT', '/metrics'],
    ['DELETE', '/delay'],
    ['OPTIONS', '/'],
  ])('%s %s is a JSON 405 with Allow', async (method, path) => {
    const res = await app.json(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body).toEqual({ error: `Method ${method} not allowed on ${path}; use GET` });
  });

  it('POST to an unknown path is a 404, not a 405', async () => {
    expect((await app.get('/users', { method: 'POST' })).status).toBe(404);
  });
});
