import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testConfig } from '../test/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(
    testConfig({ maxDelaySeconds: 60, maxCpuIterations: 5_000_000, maxMemoryMb: 200 }),
    { random: () => 0.999 },
  );
});
afterAll(() => app.close());

const seconds = 'seconds must be a number from 0 to 60';
const rate = 'rate must be an integer from 0 to 100';
const iterations = 'iterations must be an integer from 0 to 5000000';
const size = 'size must be an integer from 0 to 200';
const operation = 'operation must be one of user_login, product_view, cart_add, checkout, payment';

describe('bad query parameters are a 400 saying what is allowed', () => {
  it.each([
    ['/delay?seconds=abc', seconds],
    ['/delay?seconds=-1', seconds],
    ['/delay?seconds=NaN', seconds],
    ['/delay?seconds=Infinity', seconds],
    ['/delay?seconds=', seconds],
    ['/delay?seconds', seconds],
    ['/delay?seconds=1&seconds=2', seconds],
    ['/delay?seconds=60.5', seconds],
    ['/delay?seconds=1e3', seconds],
    ['/delay?seconds=0x10', seconds],
    ['/delay?seconds=%201', seconds],
    ['/error?rate=50.5', rate],
    ['/error?rate=-1', rate],
    ['/error?rate=101', rate],
    ['/error?rate=lots', rate],
    ['/error?rate=', rate],
    ['/error?rate=1&rate=2', rate],
    ['/cpu-intensive?iterations=1.5', iterations],
    ['/cpu-intensive?iterations=-5', iterations],
    ['/cpu-intensive?iterations=5000001', iterations],
    ['/cpu-intensive?iterations=1e3', iterations],
    ['/cpu-intensive?iterations=99999999999999999999999', iterations],
    ['/cpu-intensive?iterations=', iterations],
    ['/memory-usage?size=-1', size],
    ['/memory-usage?size=201', size],
    ['/memory-usage?size=big', size],
    ['/memory-usage?size=', size],
    ['/memory-usage?size=1&size=1', size],
    ['/business-metrics?operation=refund', operation],
    ['/business-metrics?operation=', operation],
    ['/business-metrics?operation=payment&operation=payment', operation],
  ])('%s', async (path, error) => {
    const res = await app.json(path);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error });
  });

  it.each([
    ['/delay?seconds=0', 200],
    ['/delay?seconds=.5e-3', 200],
    ['/error?rate=0', 200],
    ['/error?rate=100', 500], // the pinned draw picks the simulated 500
    ['/cpu-intensive?iterations=0', 200],
    ['/memory-usage?size=0', 200],
  ])('accepts the edge %s', async (path, status) => {
    expect((await app.get(path)).status).toBe(status);
  });
});
