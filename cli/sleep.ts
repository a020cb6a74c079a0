/**
 * A sleep that Ctrl-C cuts short. However many sleeps wait on one signal at once (every check
 * retrying, say), the signal carries one abort listener, added with the first: a listener per
 * sleep would pass Node's limit of ten and print a MaxListenersExceededWarning.
 */
export function abortableSleep() {
  const waiting = new WeakMap<AbortSignal, Set<() => void>>();
  return (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (!signal) {
        setTimeout(resolve, ms);
        return;
      }
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      let wakers = waiting.get(signal);
      if (!wakers) {
        const set = new Set<() => void>();
        wakers = set;
        waiting.set(signal, set);
        signal.addEventListener(
          'abort',
          () => {
            for (const wake of set) wake();
            set.clear();
          },
          { once: true },
        );
      }
      const set = wakers;
      const wake = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        set.delete(wake);
        resolve();
      }, ms);
      set.add(wake);
    });
}
