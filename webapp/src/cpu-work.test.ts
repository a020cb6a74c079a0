import { describe, expect, it } from 'vitest';
import { sumOfSquaresClosedForm } from '../test/sum-of-squares.js';
import { sumOfSquares } from './cpu-work.js';

describe('sumOfSquares', () => {
  it.each([0, 1, 2, 3, 10, 1000, 123_457])('matches n(n-1)(2n-1)/6 for n=%d', (n) => {
    expect(sumOfSquares(n)).toBe(sumOfSquaresClosedForm(BigInt(n)));
  });
});
