import { labelKey, type Sample } from './observation.js';

export interface SeriesDiff {
  missing: string[];
  extra: string[];
  different: { series: string; expected: number; actual: number }[];
}

/** Compares two instant results as sets of series (order-insensitive), values within a relative tolerance. */
export function diffSeries(expected: Sample[], actual: Sample[], relTolerance = 1e-6): SeriesDiff {
  const exp = new Map(expected.map((s) => [labelKey(s.labels), s.value]));
  const act = new Map(actual.map((s) => [labelKey(s.labels), s.value]));
  const diff: SeriesDiff = { missing: [], extra: [], different: [] };
  for (const [k, v] of exp) {
    const a = act.get(k);
    if (a === undefined) diff.missing.push(`{${k}}`);
    else if (!close(v, a, relTolerance)) diff.different.push({ series: `{${k}}`, expected: v, actual: a });
  }
  for (const k of act.keys()) if (!exp.has(k)) diff.extra.push(`{${k}}`);
  return diff;
}

export function isEmptyDiff(d: SeriesDiff): boolean {
  return d.missing.length === 0 && d.extra.length === 0 && d.different.length === 0;
}

export function describeDiff(d: SeriesDiff): string {
  const parts: string[] = [];
  const few = (xs: string[]) =>
    xs.slice(0, 3).join(', ') + (xs.length > 3 ? `, … (${xs.length} in all)` : '');
  if (d.missing.length) parts.push(`missing series: ${few(d.missing)}`);
  if (d.extra.length) parts.push(`extra series: ${few(d.extra)}`);
  if (d.different.length) {
    parts.push(
      `different values: ${few(d.different.map((x) => `${x.series} expected ${x.expected}, got ${x.actual}`))}`,
    );
  }
  return parts.join('; ');
}

function close(a: number, b: number, rel: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}
