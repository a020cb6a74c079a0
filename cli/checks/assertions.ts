import type { Ledger } from '../traffic/ledger.js';
import { labelKey, type Observation, type Sample } from './observation.js';
import type { Assertion, AssertionKind } from './schema.js';

export type AssertionVerdict =
  | { ok: true; note?: string }
  | { ok: false; message: string; expected?: unknown; actual?: unknown; notYet?: boolean };

type Evaluator<K extends AssertionKind> = (
  a: Extract<Assertion, { kind: K }>,
  obs: Observation,
) => AssertionVerdict;

const pass: AssertionVerdict = { ok: true };
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4));
const numbers = (s: Sample[]) => s.map((x) => x.value).filter((v) => !Number.isNaN(v));
const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);

/** Paths and counts the ledgers in the window sent; status 0 (no response) excluded. */
function ledgerRows(ledgers: Ledger[]) {
  return ledgers.flatMap((l) => l.requests).filter((r) => r.status > 0);
}

export const evaluators: { [K in AssertionKind]: Evaluator<K> } = {
  nonEmpty: (_a, obs) =>
    obs.samples.length > 0
      ? pass
      : {
          ok: false,
          message: 'the query returned no series',
          expected: 'at least one series',
          actual: 'no series',
        },

  maxSeries: (a, obs) =>
    obs.samples.length <= a.max
      ? pass
      : {
          ok: false,
          message: `expected at most ${a.max} series, got ${obs.samples.length}`,
          expected: `≤ ${a.max} series`,
          actual: obs.samples.length,
        },

  labels: (a, obs) => {
    const missing = obs.samples.find((s) => a.required.some((l) => !(l in s.labels)));
    if (missing) {
      return {
        ok: false,
        message: `a series lacks ${a.required.filter((l) => !(l in missing.labels)).join(', ')}`,
        expected: a.required,
        actual: `{${labelKey(missing.labels)}}`,
      };
    }
    if (a.only) {
      const allowed = new Set([...a.required, 'job', 'instance']);
      const extra = obs.samples.flatMap((s) => Object.keys(s.labels)).find((l) => !allowed.has(l));
      if (extra)
        return {
          ok: false,
          message: `series carry the label ${extra}, expected only ${a.required.join(', ')}`,
          expected: a.required,
          actual: extra,
        };
    }
    return pass;
  },

  labelValues: (a, obs) => {
    const re = anchored(a.pattern);
    const bad = [...new Set(obs.samples.map((s) => s.labels[a.label] ?? ''))].filter((v) => !re.test(v));
    return bad.length === 0
      ? pass
      : {
          ok: false,
          message: `${a.label} should only be ${a.meaning}, found ${bad.join(', ')}`,
          expected: a.meaning,
          actual: bad,
        };
  },

  range: (a, obs) => {
    const values = numbers(obs.samples);
    if (obs.samples.length > 0 && values.length === 0) {
      return {
        ok: false,
        message: 'every value is NaN: no requests in the window yet',
        notYet: true,
        actual: 'NaN',
      };
    }
    const bad = obs.samples.find(
      (s) =>
        !Number.isNaN(s.value) &&
        ((a.min !== undefined && s.value < a.min) || (a.max !== undefined && s.value > a.max)),
    );
    return bad
      ? {
          ok: false,
          message: `${fmt(bad.value)} for {${labelKey(bad.labels)}} is outside ${a.meaning}`,
          expected: a.meaning,
          actual: bad.value,
        }
      : pass;
  },

  positive: (a, obs) => {
    if (!a.by) {
      return numbers(obs.samples).some((v) => v > 0)
        ? pass
        : {
            ok: false,
            message: 'no value is above zero',
            expected: '> 0',
            actual: numbers(obs.samples).map(fmt),
            notYet: true,
          };
    }
    const hit = new Set(ledgerRows(obs.traffic?.inWindow ?? []).map((r) => r.path));
    const zero = [...hit].filter(
      (p) => !obs.samples.some((s) => s.labels[a.by as string] === p && s.value > 0),
    );
    return zero.length === 0
      ? pass
      : {
          ok: false,
          message: `no positive rate for ${a.by} ${zero.join(', ')}, which the traffic hit`,
          expected: '> 0 for every path hit',
          actual: zero,
          notYet: true,
        };
  },

  buckets: (a, obs) => {
    const les = [...new Set(obs.samples.map((s) => s.labels.le).filter((v): v is string => v !== undefined))];
    const got = les
      .filter((v) => v !== '+Inf')
      .map(Number)
      .sort((x, y) => x - y);
    const same =
      got.length === a.bounds.length && got.every((v, i) => v === a.bounds[i]) && les.includes('+Inf');
    return same
      ? pass
      : {
          ok: false,
          message: 'the histogram buckets are not the expected ones',
          expected: [...a.bounds, '+Inf'],
          actual: les,
        };
  },

  compare: (a, obs) => {
    const other = new Map((obs.related[a.query] ?? []).map((s) => [labelKey(s.labels, a.on), s.value]));
    for (const s of obs.samples) {
      const o = other.get(labelKey(s.labels, a.on));
      if (o === undefined || Number.isNaN(o) || Number.isNaN(s.value)) continue;
      // A relative epsilon: quantiles interpolated from the same buckets may tie.
      const eps = 1e-9 * Math.max(1, Math.abs(o));
      const bad = a.op === '>=' ? s.value < o - eps : s.value > o + eps;
      if (bad) {
        return {
          ok: false,
          message: `for {${labelKey(s.labels, a.on)}} ${fmt(s.value)} should be ${a.op} the ${a.name} ${fmt(o)}`,
          expected: `${a.op} ${fmt(o)}`,
          actual: s.value,
        };
      }
    }
    return pass;
  },

  coversLedgerPaths: (a, obs) => {
    const hit = new Set(ledgerRows(obs.traffic?.inWindow ?? []).map((r) => r.path));
    const seen = new Set(obs.samples.map((s) => s.labels[a.label]));
    const missing = [...hit].filter((p) => !seen.has(p));
    return missing.length === 0
      ? pass
      : {
          ok: false,
          message: `no series for ${missing.join(', ')}, which the traffic hit`,
          expected: [...hit],
          actual: [...seen],
          notYet: true,
        };
  },

  ledgerCounts: (_a, obs) => {
    const t = obs.traffic;
    const latest = t?.inWindow.at(-1);
    if (!t || !latest || !t.after)
      return { ok: true, note: 'no traffic ledger to compare with (run `workshop traffic`)' };
    const count = (samples: Sample[] | undefined) => {
      const m = new Map<string, number>();
      for (const s of samples ?? []) {
        const k = `${s.labels.method} ${s.labels.path} ${s.labels.status}`;
        m.set(k, (m.get(k) ?? 0) + s.value);
      }
      return m;
    };
    const before = count(t.before);
    const after = count(t.after);
    const problems: string[] = [];
    for (const r of latest.requests.filter((x) => x.status > 0)) {
      const k = `${r.method} ${r.path} ${r.status}`;
      const added = (after.get(k) ?? 0) - (before.get(k) ?? 0);
      // /health is also probed by healthchecks and readiness waits: only "nothing lost" holds there.
      const ok = r.path === '/health' ? added >= r.count : added === r.count;
      if (!ok) problems.push(`${k}: sent ${r.count}, Prometheus counted ${added}`);
    }
    return problems.length === 0
      ? pass
      : {
          ok: false,
          message: `counts differ from the traffic ledger (${problems.length}): ${problems.slice(0, 3).join('; ')}`,
          expected: 'the ledger counts',
          actual: problems,
          notYet: true,
        };
  },

  ledgerPercent: (a, obs) => {
    const t = obs.traffic;
    if (!t || t.inWindow.length === 0 || !t.windowCovered) {
      return { ok: true, note: 'no traffic ledger covers the whole window; compared with nothing' };
    }
    const rows = ledgerRows(t.inWindow);
    const total = rows.reduce((n, r) => n + r.count, 0);
    const matching = rows
      .filter((r) => anchored(a.statuses).test(String(r.status)))
      .reduce((n, r) => n + r.count, 0);
    const expected = total === 0 ? 0 : (100 * matching) / total;
    const got = numbers(obs.samples)[0];
    if (got === undefined)
      return {
        ok: false,
        message: 'no number to compare with the ledger',
        expected: fmt(expected),
        actual: 'none',
        notYet: true,
      };
    return Math.abs(got - expected) <= a.tolerance
      ? pass
      : {
          ok: false,
          message: `${fmt(got)}% differs from the ${fmt(expected)}% the traffic ledger sent by more than ${a.tolerance} points`,
          expected: `${fmt(expected)} ± ${a.tolerance}`,
          actual: got,
          notYet: true,
        };
  },

  delayFloor: (a, obs) => {
    const delays = (obs.traffic?.inWindow ?? []).flatMap((l) => l.delaysSent);
    if (delays.length === 0) return { ok: true, note: 'the traffic sent no /delay requests' };
    const floor = bucketFloor(Math.min(...delays));
    const series = obs.samples.find((s) => s.labels[a.label] === a.value);
    if (!series || Number.isNaN(series.value)) {
      return {
        ok: false,
        message: `no value for ${a.label}="${a.value}"`,
        expected: `≥ ${fmt(floor)}`,
        actual: 'none',
        notYet: true,
      };
    }
    return series.value >= floor
      ? pass
      : {
          ok: false,
          message: `the ${a.value} value ${fmt(series.value)} s is below the smallest delay sent (${fmt(Math.min(...delays))} s)`,
          expected: `≥ ${fmt(floor)}`,
          actual: series.value,
        };
  },
};

/** prometheus_client's default buckets: the histogram cannot resolve finer than these. */
export const defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** The lower bound of the bucket holding `seconds`: what histogram_quantile can at least report. */
export function bucketFloor(seconds: number): number {
  return [0, ...defaultBuckets].filter((b) => b < seconds).at(-1) ?? 0;
}

export function evaluateAssertion(a: Assertion, obs: Observation): AssertionVerdict {
  return (evaluators[a.kind] as Evaluator<typeof a.kind>)(a as never, obs);
}
