import { describe, expect, it } from 'vitest';
import { durationSeconds, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1d', 86_400_000],
    ['0', 0],
    ['0s', 0],
  ])('Prometheus %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['5 minutes', '30m1h', '1.5s', '5', '', 'm', '1m1m'])(
    'refuses %j as a Prometheus duration',
    (text) => expect(parseDuration(text)).toBeUndefined(),
  );

  it('reads Go durations: decimals, micro- and nanoseconds', () => {
    expect(parseDuration('1.5s', 'go')).toBe(1500);
    expect(parseDuration('1m30s', 'go')).toBe(90_000);
    expect(parseDuration('10us', 'go')).toBeCloseTo(0.01);
    expect(parseDuration('1d', 'go')).toBeUndefined();
    expect(durationSeconds('90s')).toBe(90);
  });
});
