import { afterEach, describe, expect, it } from 'vitest';
import { sumOfSquaresClosedForm } from '../test/sum-of-squares.js';
import { type CpuRunner, createCpuPool } from './cpu-pool.js';

let pool: CpuRunner | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('createCpuPool', () => {
  it('queues more tasks than workers and answers each one correctly', async () => {
    pool = createCpuPool(1);
    const sizes = [10, 200_000, 3, 0, 50_000];
    const results = await Promise.all(sizes.map((n) => pool?.run(n)));
    expect(results.map((r) => r?.result)).toEqual(sizes.map((n) => sumOfSquaresClosedForm(BigInt(n))));
    for (const r of results) expect(r?.seconds).toBeGreaterThanOrEqual(0);
  });

  it('fails only the task whose worker died, then keeps serving', async () => {
    pool = createCpuPool(1);
    // BigInt(NaN) throws inside the worker, which kills it.
    await expect(pool.run(Number.NaN)).rejects.toThrow(/NaN/);
    await expect(pool.run(4)).resolves.toMatchObject({ result: 14n });
  });

  it('rejects queued work on close', async () => {
    pool = createCpuPool(1);
    const outcomes = Promise.allSettled([pool.run(1000), pool.run(1000)]);
    await pool.close();
    const [running, queued] = await outcomes;
    expect(running?.status).toBe('rejected');
    expect(queued).toMatchObject({ status: 'rejected', reason: new Error('cpu pool is closed') });
    await expect(pool.run(1)).rejects.toThrow('cpu pool is closed');
  });

  it('withdraws a queued task whose signal aborts, leaving the others', async () => {
    pool = createCpuPool(1);
    const leaving = new AbortController();
    const running = pool.run(200_000);
    const withdrawn = pool.run(10, leaving.signal);
    const next = pool.run(3);
    leaving.abort(new Error('client left'));
    await expect(withdrawn).rejects.toThrow('client left');
    await expect(running).resolves.toMatchObject({ result: sumOfSquaresClosedForm(200_000n) });
    await expect(next).resolves.toMatchObject({ result: 5n });
    await expect(pool.run(1, leaving.signal)).rejects.toThrow('client left');
  });
});
