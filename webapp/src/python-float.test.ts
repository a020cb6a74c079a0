import { describe, expect, it } from 'vitest';
import { formatPythonFloat } from './python-float.js';

describe('formatPythonFloat', () => {
  // Expected strings are what CPython's repr(float(x)) prints.
  it.each([
    [2, '2.0'],
    [0, '0.0'],
    [0.5, '0.5'],
    [1.25, '1.25'],
    [60, '60.0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e300, '1.5e+300'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NaN, 'nan'],
  ])('%d → %s', (value, expected) => {
    expect(formatPythonFloat(value)).toBe(expected);
  });
});
