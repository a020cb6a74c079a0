import { describe, expect, it } from 'vitest';
import { memoized, once } from './memo.js';

describe('memoized', () => {
  it('computes each text once, and forgets the oldest beyond its bound', () => {
    const seen: string[] = [];
    const len = memoized((t: string) => {
      seen.push(t);
      return t.length;
    }, 2);
    expect([len('a'), len('bb'), len('a')]).toEqual([1, 2, 1]);
    expect(seen).toEqual(['a', 'bb']);
    len('ccc'); // evicts 'a'
    expect(len('bb')).toBe(2);
    len('a');
    expect(seen).toEqual(['a', 'bb', 'ccc', 'a']);
  });

  it('remembers undefined results too', () => {
    let calls = 0;
    const none = memoized(() => {
      calls++;
      return undefined;
    });
    none('x');
    none('x');
    expect(calls).toBe(1);
  });
});

describe('once', () => {
  it('asks when first needed, not before, and gives the same answer every time after', async () => {
    let calls = 0;
    const answer = once(async () => ++calls);
    expect(calls).toBe(0);
    expect(await Promise.all([answer(), answer()])).toEqual([1, 1]);
    expect(await answer()).toBe(1);
    expect(calls).toBe(1);
  });
});
