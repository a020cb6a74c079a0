import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';

describe('createLimiter', () => {
  it('lets max holders in, then one per release, in order', async () => {
    const limiter = createLimiter(2, new AbortController().signal);
    expect(await limiter.acquire()).toBe(true);
    expect(await limiter.acquire()).toBe(true);
    const order: number[] = [];
    const third = limiter.acquire().then((ok) => order.push(3) && ok);
    const fourth = limiter.acquire().then((ok) => order.push(4) && ok);
    await Promise.resolve();
    expect(order).toEqual([]);
    limiter.release();
    expect(await third).toBe(true);
    expect(order).toEqual([3]);
    limiter.release();
    expect(await fourth).toBe(true);
    limiter.release();
    limiter.release();
    // All slots are free again: two more get in at once, a third waits.
    expect(await limiter.acquire()).toBe(true);
    expect(await limiter.acquire()).toBe(true);
    let fifth = false;
    void limiter.acquire().then(() => {
      fifth = true;
    });
    await Promise.resolve();
    expect(fifth).toBe(false);
  });

  it('answers every waiter false on abort, and refuses later callers', async () => {
    const stop = new AbortController();
    const limiter = createLimiter(1, stop.signal);
    await limiter.acquire();
    const waiters = [limiter.acquire(), limiter.acquire()];
    stop.abort();
    expect(await Promise.all(waiters)).toEqual([false, false]);
    expect(await limiter.acquire()).toBe(false);
  });
});
