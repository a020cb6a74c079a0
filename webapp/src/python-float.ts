/**
 * Formats a number the way Python's repr(float) does, so `/delay`'s message reads as the original's:
 * 2 → "2.0", 0.5 → "0.5", 0.00001 → "1e-05". Both languages print the shortest digits that round-trip;
 * they differ only in when they switch to exponent notation (Python: exponent < -4 or ≥ 16) and in
 * padding the exponent to two digits.
 */
export function formatPythonFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  // In Python's fixed-notation range JS prints fixed notation too, with the same digits.
  const fixed = String(value);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}
