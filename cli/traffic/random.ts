/** Every random choice a traffic plan makes comes from one of these, so `--seed N` replays a run exactly. */
export interface Rng {
  /** A uniform number in [0, 1). */
  next(): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly [T, ...T[]]): T;
}

/** The largest seed `--seed` accepts (seeds are unsigned 32-bit). */
export const maxSeed = 0xffff_ffff;

/**
 * mulberry32: tiny, fast and well spread for 32-bit seeds. Not cryptographic, which is fine:
 * it only picks request parameters.
 */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)] ?? items[0],
  };
}
