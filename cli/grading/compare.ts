import type { QueryData } from '../prometheus/schemas.js';

/** A range result as points: per timestamp, each series (labels without __name__) and its value. */
export type Points = Map<number, Map<string, number>>;

export function pointsOf(data: QueryData): Points {
  const out: Points = new Map();
  if (data.resultType !== 'matrix') return out;
  for (const s of data.result) {
    const key = Object.entries(s.metric)
      .filter(([k]) => k !== '__name__')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ');
    for (const [t, v] of s.values) {
      const at = out.get(t) ?? new Map<string, number>();
      out.set(t, at);
      at.set(`{${key}}`, Number(v));
    }
  }
  return out;
}

/** Nothing to tell answers apart with: no series, or only zeros and NaN. */
const silent = (p: Map<string, number> | undefined) =>
  !p || [...p.values()].every((v) => v === 0 || Number.isNaN(v));

export interface Agreement {
  /** Timestamps where at least one side had something to say. */
  informative: number;
  /** The first timestamp where they differ, and how. */
  difference?: { atSeconds: number; what: string };
}

/**
 * Compares two range results point by point, ignoring the points where both sides are empty,
 * zero or NaN (where no answer can be told from another). Values agree within 1e-6 relative. Pure.
 */
export function agreement(reference: Points, attempt: Points): Agreement {
  const times = [...new Set([...reference.keys(), ...attempt.keys()])].sort((a, b) => a - b);
  let informative = 0;
  for (const t of times) {
    const [r, a] = [reference.get(t), attempt.get(t)];
    if (silent(r) && silent(a)) continue;
    informative++;
    const what = differs(r ?? new Map(), a ?? new Map());
    if (what) return { informative, difference: { atSeconds: t, what } };
  }
  return { informative };
}

function differs(r: Map<string, number>, a: Map<string, number>): string | undefined {
  if (a.size === 0) return `your query returns nothing where the exercise's returns ${r.size} series`;
  if (r.size === 0) return `your query returns ${a.size} series where the exercise's returns nothing`;
  const missing = [...r.keys()].filter((k) => !a.has(k));
  const extra = [...a.keys()].filter((k) => !r.has(k));
  if (missing.length || extra.length) {
    const few = (xs: string[]) => xs.slice(0, 2).join(', ') + (xs.length > 2 ? ` (${xs.length} in all)` : '');
    return [
      missing.length ? `the series ${few(missing)} are missing` : '',
      extra.length ? `it returns other series: ${few(extra)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  }
  const ratios = [...r]
    .map(([k, v]) => (a.get(k) as number) / v)
    .filter((x) => Number.isFinite(x) && x !== 0);
  const ratio = ratios[0];
  if (
    ratio !== undefined &&
    ratios.length === r.size &&
    !close(ratio, 1) &&
    ratios.every((x) => close(x, ratio))
  )
    return `every value of yours is ${fmt(ratio)} times the exercise's`;
  for (const [k, v] of r) {
    const w = a.get(k) as number;
    if (!close(v, w))
      return `for ${k === '{}' ? 'the result' : k} it gives ${fmt(w)} where the exercise's gives ${fmt(v)}`;
  }
  return undefined;
}

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}
