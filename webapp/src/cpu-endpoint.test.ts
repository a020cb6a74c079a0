import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testConfig } from '../test/harness.js';
import { sumOfSquaresClosedForm } from '../test/sum-of-squares.js';
import { createCpuPool } from './cpu-pool.js';

const pool = createCpuPool();
let started = 0;
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(testConfig({ maxCpuIterations: 10_000_000 }), {
    cpu: {
      run: (n) => {
        started += 1;
        return pool.run(n);
      },
      close: () => pool.close(),
    },
  });
});
afterAll(() => app.close());

describe('/cpu-intensive', () => {
  it('writes the exact result past 2^53 as an integer literal', async () => {
    const n = 5_000_000n;
    const res = await app.get(`/cpu-intensive?iterations=${n}`);
    expect(res.status).toBe(200);
    expect(sumOfSquaresClosedForm(n)).toBeGreaterThan(2n ** 53n);
    expect(res.text).toContain(`"iterations":${n},"result":${sumOfSquaresClosedForm(n)},"execution_time":`);
  });

  it('keeps /health and /metrics responsive while a long computation runs', async () => {
    let cpuDone = false;
    const before = started;
    // ~10M iterations take over half a second on the worker; the main thread must stay free.
    const cpu = app.get('/cpu-intensive?iterations=10000000', { timeoutMs: 60_000 }).then((res) => {
      cpuDone = true;
      return res;
    });
    await new Promise<void>((resolve) => {
      const check = () => (started > before ? resolve() : setImmediate(check));
      check();
    });
    // Answered while the computation still runs: the main thread is free (no wall-clock bound needed).
    for (let i = 0; i < 5; i++) expect((await app.get('/health')).status).toBe(200);
    expect((await app.get('/metrics')).status).toBe(200);
    expect(cpuDone).toBe(false);
    expect((await cpu).status).toBe(200);
  });
});
