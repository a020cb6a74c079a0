import { describe, expect, it } from 'vitest';
import { delay, formatSeconds, requestTarget } from './requests.js';

describe('formatSeconds', () => {
  it.each([
    [5, 1, '5.0'],
    [2.1, 1, '2.1'],
    [0.5, 2, '0.50'],
    [2.75, 2, '2.75'],
    [0.1 * 3, 1, '0.3'],
    [24.9 * 0.1, 1, '2.49'],
    [2.75 * 0.01, 2, '0.0275'],
  ])('%f with at least %i decimals is %s', (seconds, decimals, text) => {
    expect(formatSeconds(seconds, decimals)).toBe(text);
  });
});

describe('delay', () => {
  it('applies the time scale and records exactly what the query says', () => {
    const r = delay(2.1, 1, 0.1);
    expect(requestTarget(r)).toBe('/delay?seconds=0.21');
    expect(r.delaySeconds).toBe(0.21);
  });
});
