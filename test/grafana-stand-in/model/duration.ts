import { parseDuration } from '../../../cli/duration.js';

// Prometheus model.Duration (github.com/prometheus/common/model/time.go): the type of an alert
// rule's `for`, e.g. "2m", "1m30s", "0s".
const UNITS_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1] as const;
const UNIT_NAMES = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/** Milliseconds, or an error text worded like model.ParseDuration's. */
export function parsePromDuration(text: string): number | { error: string } {
  if (text === '') return { error: 'empty duration string' };
  return parseDuration(text) ?? { error: `not a valid duration string: "${text}"` };
}

/** model.Duration.String(): years and weeks only when exact, then d, h, m, s, ms. */
export function formatPromDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  UNITS_MS.forEach((unit, i) => {
    const exactOnly = i < 2;
    if (exactOnly && rest % unit !== 0) return;
    const count = Math.floor(rest / unit);
    if (count > 0) {
      text += `${count}${UNIT_NAMES[i]}`;
      rest -= count * unit;
    }
  });
  return text;
}

/** Go's time.Duration.String() for whole seconds: "0s", "45s", "1m0s", "1h0m0s". */
export function formatGoSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}
