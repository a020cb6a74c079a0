import { describe, expect, it } from 'vitest';
import { seededRng } from './random.js';

const draw = (seed: number, n: number) => Array.from({ length: n }, seededRng(seed).next);

describe('seededRng', () => {
  it('replays the same sequence for the same seed, another for another', () => {
    expect(draw(1, 20)).toEqual(draw(1, 20));
    expect(draw(1, 20)).not.toEqual(draw(2, 20));
    expect(draw(0, 20)).not.toEqual(draw(2 ** 32 - 1, 20));
  });

  it('draws in [0, 1) and spreads evenly', () => {
    const values = draw(99, 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const tenths = Array<number>(10).fill(0);
    for (const v of values) tenths[Math.floor(v * 10)] = (tenths[Math.floor(v * 10)] ?? 0) + 1;
    for (const count of tenths) expect(count).toBeGreaterThan(900);
  });

  it('int covers both ends and nothing outside; pick reaches every item', () => {
    const rng = seededRng(5);
    const ints = new Set(Array.from({ length: 2_000 }, () => rng.int(3, 7)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
    const picks = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c'] as const)));
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
  });
});
