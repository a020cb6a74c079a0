/** At most `max` holders at once; the rest wait in order until a slot frees or `signal` aborts. */
export interface Limiter {
  /** Resolves true once a slot is held, or false once `signal` has aborted (no slot is then held). */
  acquire(): Promise<boolean>;
  release(): void;
}

export function createLimiter(max: number, signal: AbortSignal): Limiter {
  let active = 0;
  let waiting: Array<(granted: boolean) => void> = [];
  // One listener for all waiters: a flood has a waiter for nearly every request.
  signal.addEventListener(
    'abort',
    () => {
      const refused = waiting;
      waiting = [];
      for (const answer of refused) answer(false);
    },
    { once: true },
  );
  return {
    acquire() {
      if (signal.aborted) return Promise.resolve(false);
      if (active < max) {
        active++;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays as it is.
      if (next) next(true);
      else active--;
    },
  };
}
