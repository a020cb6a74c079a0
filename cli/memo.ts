/**
 * A pure function of a string, remembered for the last `max` arguments: the grading core reads
 * the same few hundred query texts every round (watch, the exporter), and parsing is its cost.
 */
export function memoized<T>(fn: (text: string) => T, max = 5_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (cache.has(text)) return cache.get(text) as T;
    const value = fn(text);
    if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    cache.set(text, value);
    return value;
  };
}

/** An async value asked for when first needed, then the same answer every time. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= fn();
    return value;
  };
}
