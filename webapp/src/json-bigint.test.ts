import { describe, expect, it } from 'vitest';
import { stringifyWithBigInts } from './json-bigint.js';

describe('stringifyWithBigInts', () => {
  it('writes bigints as exact integer literals and leaves everything else to JSON.stringify', () => {
    const big = 2n ** 70n + 1n;
    const value = { a: 'text', n: 1.5, big, list: [-big, 0n] };
    expect(stringifyWithBigInts(value)).toBe(`{"a":"text","n":1.5,"big":${big},"list":[-${big},0]}`);
  });

  it('leaves strings that look like its internal markers alone', () => {
    const value = { s: 'bigint:5', t: '#bigint:6', n: 7n };
    expect(stringifyWithBigInts(value)).toBe('{"s":"bigint:5","t":"#bigint:6","n":7}');
  });
});
