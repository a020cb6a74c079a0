import { describe, expect, it } from 'vitest';
import { appsClosedAfterEach, testConfig, waitFor } from '../test/harness.js';
import { createMemoryBudget } from './memory-budget.js';

const mb = 1024 * 1024;
const startTestApp = appsClosedAfterEach();

describe('/memory-usage', () => {
  it('really commits the memory (RSS rises during the hold) and releases its budget after', async () => {
    const memory = createMemoryBudget(512);
    const app = await startTestApp(testConfig({ memoryHoldMs: 3_000 }), { memory });
    const size = 120;
    const before = process.memoryUsage().rss;
    let peak = before;
    const response = app.json(`/memory-usage?size=${size}`);
    await waitFor(
      () => {
        peak = Math.max(peak, process.memoryUsage().rss);
        return peak - before >= 0.9 * size * mb;
      },
      3_000,
      'RSS to rise by the allocated size',
    );
    expect(memory.heldMb).toBe(size);
    expect(await response).toMatchObject({ status: 200, body: { size_bytes: size * mb } });
    expect(memory.heldMb).toBe(0);
  });

  it('collects garbage once the last held block is released, not while another is held', async () => {
    const memory = createMemoryBudget(512);
    let collections = 0;
    const app = await startTestApp(testConfig({ memoryHoldMs: 10 }), {
      memory,
      collectGarbage: () => void collections++,
    });
    const other = memory.tryReserve(5); // another request's block, still held
    expect((await app.json('/memory-usage?size=1')).status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(collections).toBe(0);
    other?.();
    expect((await app.json('/memory-usage?size=1')).status).toBe(200);
    await waitFor(() => collections === 1, 2000, 'one collection after the last release');
  });

  it('answers 503 with Retry-After when the server-wide budget is held, and admits again after', async () => {
    const memory = createMemoryBudget(30);
    const app = await startTestApp(testConfig({ maxMemoryMb: 30, memoryBudgetMb: 30, memoryHoldMs: 300 }), {
      memory,
    });
    const first = app.json('/memory-usage?size=20');
    await waitFor(() => memory.heldMb === 20, 2000, 'the first request to hold its memory');
    const refused = await app.json('/memory-usage?size=20');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toEqual({
      error: 'memory budget exhausted: 20 of 30 MB already held, 20 MB more does not fit; retry later',
    });
    expect((await app.json('/memory-usage?size=10')).status).toBe(200); // what still fits is admitted
    expect((await first).status).toBe(200);
    expect((await app.json('/memory-usage?size=20')).status).toBe(200);
  });
});
