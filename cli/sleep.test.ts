import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { abortableSleep } from './sleep.js';

describe('abortableSleep', () => {
  it('many sleeps at once on one signal add one abort listener, and Ctrl-C wakes every one', async () => {
    vi.useFakeTimers();
    try {
      const sleep = abortableSleep();
      const run = new AbortController();
      const done = Array.from({ length: 30 }, () => sleep(1_000, run.signal));
      expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_000);
      await Promise.all(done);
      const cut = Array.from({ length: 30 }, () =>
        sleep(60_000, run.signal).then(
          () => 'slept',
          () => 'woken',
        ),
      );
      run.abort(new Error('interrupted by SIGINT'));
      expect(await Promise.all(cut)).toEqual(Array(30).fill('woken'));
      expect(vi.getTimerCount()).toBe(0);
      await expect(sleep(10, run.signal)).rejects.toThrow('SIGINT');
    } finally {
      vi.useRealTimers();
    }
  });
});
