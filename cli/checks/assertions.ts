import type { Assertion, AssertionKind } from '../../exercises/schema.js';
import type { Ledger } from '../traffic/ledger.js';
import { bucketFloor } from './buckets.js';
import { labelKey, type Observation, type Sample } from './observation.js';
import { describeDiff, diffSeries, isEmptyDiff } from './series-diff.js';
import { noLedgerTodo, windowSeconds } from './traffic-facts.js';
import { fail, pass, unchecked, type Verdict } from './verdict.js';

type Evaluator<K extends AssertionKind> = (a: Extract<Assertion, { kind: K }>, obs: Observation) => Verdict;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4));
const numbers = (s: Sample[]) => s.map((x) => x.value).filter((v) => !Number.isNaN(v));
const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const trafficTodo = 'run `workshop traffic quick` and check again after a few seconds';
const nothingInWindow = () =>
  unchecked('no requests in the last 5 minutes, so there is nothing to compare', trafficTodo, true);

/** Rows the ledgers sent; status 0 (no response) excluded. */
function ledgerRows(ledgers: Ledger[]) {
  return ledgers.flatMap((l) => l.requests).filter((r) => r.status > 0);
}

/** The ledgers of the running webapp in the window, or why there are none. */
function windowLedgers(obs: Observation): Ledger[] | Verdict {
  const t = obs.traffic;
  if (!t || t.none)
    return unchecked(
      `${t?.none ?? 'no traffic run is recorded'}, so there is nothing to compare with`,
      noLedgerTodo,
    );
  if (t.inWindow.length === 0)
    return unchecked(
      'no traffic run ended in the last 5 minutes, so there is nothing to compare with',
      noLedgerTodo,
    );
  return t.inWindow;
}

/** How much each series' counter increased in the window, as Prometheus's raw samples show it. */
function increases(obs: Observation, counter: string) {
  return obs.visible[counter] ?? [];
}

export const evaluators: { [K in AssertionKind]: Evaluator<K> } = {
  nonEmpty: (_a, obs) =>
    obs.samples.length > 0
      ? pass()
      : fail('the query returned no series', { expected: 'at least one series', actual: 'no series' }),

  maxSeries: (a, obs) =>
    obs.samples.length <= a.max
      ? pass()
      : fail(`expected at most ${a.max} series, got ${obs.samples.length}`, {
          expected: `≤ ${a.max} series`,
          actual: obs.samples.length,
        }),

  labels: (a, obs) => {
    const missing = obs.samples.find((s) => a.required.some((l) => !(l in s.labels)));
    if (missing) {
      return fail(`a series lacks ${a.required.filter((l) => !(l in missing.labels)).join(', ')}`, {
        expected: a.required,
        actual: `{${labelKey(missing.labels)}}`,
      });
    }
    if (a.only) {
      const allowed = new Set([...a.required, 'job', 'instance']);
      const extra = obs.samples.flatMap((s) => Object.keys(s.labels)).find((l) => !allowed.has(l));
      if (extra)
        return fail(`series carry the label ${extra}, expected only ${a.required.join(', ') || 'none'}`, {
          expected: a.required,
          actual: extra,
        });
    }
    return pass();
  },

  labelValues: (a, obs) => {
    const re = anchored(a.pattern);
    const bad = [...new Set(obs.samples.map((s) => s.labels[a.label] ?? ''))].filter((v) => !re.test(v));
    return bad.length === 0
      ? pass()
      : fail(`${a.label} should only be ${a.meaning}, found ${bad.join(', ')}`, {
          expected: a.meaning,
          actual: bad,
        });
  },

  range: (a, obs) => {
    if (obs.samples.length === 0) return unchecked('no series to compare with the range', trafficTodo);
    if (numbers(obs.samples).length === 0) return nothingInWindow();
    const bad = obs.samples.find(
      (s) =>
        !Number.isNaN(s.value) &&
        ((a.min !== undefined && s.value < a.min) || (a.max !== undefined && s.value > a.max)),
    );
    return bad
      ? fail(`${fmt(bad.value)} for {${labelKey(bad.labels)}} is outside ${a.meaning}`, {
          expected: a.meaning,
          actual: bad.value,
        })
      : pass();
  },

  positive: (_a, obs) =>
    numbers(obs.samples).some((v) => v > 0)
      ? pass()
      : fail('no value is above zero: no requests in the last 5 minutes', {
          expected: '> 0',
          actual: numbers(obs.samples).map(fmt),
          notYet: true,
        }),

  positiveWhereCounted: (a, obs) => {
    const counted = [
      ...new Set(
        increases(obs, a.counter)
          .filter((s) => s.increase > 0)
          .map((s) => s.labels[a.by] ?? ''),
      ),
    ];
    if (counted.length === 0)
      return fail(`no ${a.by} had requests in the last 5 minutes, so every rate is 0`, {
        expected: `> 0 for each ${a.by} with requests`,
        actual: numbers(obs.samples).map(fmt),
        notYet: true,
      });
    const zero = counted.filter((p) => !obs.samples.some((s) => s.labels[a.by] === p && s.value > 0));
    return zero.length === 0
      ? pass(`positive for ${counted.length} ${a.by}s with requests`)
      : fail(`no positive rate for ${a.by} ${zero.join(', ')}, although Prometheus counted requests there`, {
          expected: `> 0 for ${counted.join(', ')}`,
          actual: zero,
        });
  },

  perSecondOf: (a, obs) => {
    const counted = new Map(increases(obs, a.counter).map((v) => [labelKey(v.labels), v.increase]));
    if (counted.size === 0) return nothingInWindow();
    for (const s of obs.samples) {
      const increase = counted.get(labelKey(s.labels));
      if (increase === undefined || Number.isNaN(s.value)) continue;
      const perWindow = s.value * windowSeconds;
      const ok = increase === 0 ? s.value === 0 : perWindow >= increase * 0.99 && perWindow <= increase * 4;
      if (!ok)
        return fail(
          `${fmt(s.value)} for {${labelKey(s.labels)}} is not a per-second rate of ${increase} requests in 5 minutes`,
          {
            expected:
              increase === 0
                ? 0
                : `${fmt(increase / windowSeconds)} to ${fmt((4 * increase) / windowSeconds)}`,
            actual: s.value,
            hint: 'a counter only ever grows: rate(counter[5m]) turns it into requests per second',
          },
        );
    }
    return pass();
  },

  filterOf: (a, obs) => {
    const re = anchored(a.pattern);
    const all = obs.related[a.query] ?? [];
    if (all.length === 0) return nothingInWindow();
    const wanted = all.filter((s) => re.test(s.labels[a.label] ?? ''));
    const diff = diffSeries(wanted, obs.samples);
    return isEmptyDiff(diff)
      ? pass(`the ${wanted.length} series whose ${a.label} matches`)
      : fail(`not exactly the series whose ${a.label} matches ${a.pattern}: ${describeDiff(diff)}`, {
          expected: `${wanted.length} series`,
          actual: `${obs.samples.length} series`,
        });
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
      ? pass()
      : fail('the histogram buckets are not the expected ones', {
          expected: [...a.bounds, '+Inf'],
          actual: les,
        });
  },

  compare: (a, obs) => {
    const other = new Map((obs.related[a.query] ?? []).map((s) => [labelKey(s.labels, a.on), s.value]));
    let compared = 0;
    for (const s of obs.samples) {
      const o = other.get(labelKey(s.labels, a.on));
      if (o === undefined || Number.isNaN(o) || Number.isNaN(s.value)) continue;
      compared++;
      // A relative epsilon: quantiles interpolated from the same buckets may tie.
      const eps = 1e-9 * Math.max(1, Math.abs(o));
      const bad = a.op === '>=' ? s.value < o - eps : s.value > o + eps;
      if (bad) {
        return fail(
          `for {${labelKey(s.labels, a.on)}} ${fmt(s.value)} should be ${a.op} the ${a.name} ${fmt(o)}`,
          {
            expected: `${a.op} ${fmt(o)}`,
            actual: s.value,
          },
        );
      }
    }
    return compared > 0 ? pass() : nothingInWindow();
  },

  visibleShare: (a, obs) => {
    const series = increases(obs, a.counter);
    const total = series.reduce((n, s) => n + s.increase, 0);
    if (total === 0) return nothingInWindow();
    const re = anchored(a.statuses);
    const matching = series.filter((s) => re.test(s.labels.status ?? ''));
    const share = (a.scale * matching.reduce((n, s) => n + s.increase, 0)) / total;
    const got = numbers(a.of ? (obs.related[a.of] ?? []) : obs.samples)[0];
    const what = a.of ? 'the unfiltered value' : 'the value';
    if (got === undefined)
      return fail(`no number to compare with the ${fmt(share)} Prometheus's raw samples give`, {
        expected: fmt(share),
        actual: 'none',
        notYet: true,
      });
    if (Math.abs(got - share) > a.tolerance)
      return fail(
        `${what} ${fmt(got)} differs by more than ${a.tolerance} from ${fmt(share)}, the share Prometheus's raw samples of the last 5 minutes give`,
        { expected: `${fmt(share)} ± ${a.tolerance}`, actual: got },
      );
    return lostRequests(a.counter, a.statuses, obs) ?? pass(`${fmt(got)}, as the raw samples give`);
  },

  conditionMatches: (a, obs) => {
    const inner = (obs.related[a.inner] ?? []).filter((s) => !Number.isNaN(s.value));
    if (inner.length === 0) return nothingInWindow();
    const holds = (v: number) => (a.op === '>' ? v > a.threshold : v < a.threshold);
    const got = new Map(obs.samples.map((s) => [labelKey(s.labels), s.value]));
    for (const s of inner) {
      const key = labelKey(s.labels);
      const value = got.get(key);
      const condition = `${fmt(s.value)} ${a.op} ${a.threshold}`;
      if (holds(s.value) && value === undefined)
        return fail(`the condition holds (${condition}) but the query returned no series`, {
          expected: `one series with ${fmt(s.value)}`,
          actual: 'no series',
        });
      if (!holds(s.value) && value !== undefined)
        return fail(
          `the condition does not hold (${condition} is false) but the query returned ${fmt(value)}`,
          {
            expected: 'no series',
            actual: value,
          },
        );
      if (value !== undefined && Math.abs(value - s.value) > 1e-9 * Math.max(1, Math.abs(s.value)))
        return fail(`the series' value ${fmt(value)} is not the inner value ${fmt(s.value)}`, {
          expected: s.value,
          actual: value,
        });
    }
    const extra = [...got.keys()].filter((k) => !inner.some((s) => labelKey(s.labels) === k));
    if (extra.length)
      return fail(`series that the condition does not produce: {${extra[0]}}`, { actual: extra });
    const firing = inner.filter((s) => holds(s.value)).length;
    return pass(
      firing
        ? `the condition holds (${fmt(inner[0]?.value ?? 0)})`
        : `the condition does not hold (${fmt(inner[0]?.value ?? 0)}), so no series`,
    );
  },

  coversLedgerPaths: (a, obs) => {
    const ledgers = windowLedgers(obs);
    if (!Array.isArray(ledgers)) return ledgers;
    const hit = new Set(ledgerRows(ledgers).map((r) => r.path));
    const seen = new Set(obs.samples.map((s) => s.labels[a.label]));
    const missing = [...hit].filter((p) => !seen.has(p));
    return missing.length === 0
      ? pass()
      : fail(`no series for ${missing.join(', ')}, which the traffic hit`, {
          expected: [...hit],
          actual: [...seen],
          notYet: true,
        });
  },

  ledgerCounts: (_a, obs) => {
    const t = obs.traffic;
    if (!t || t.none)
      // Word for word what the other ledger assertions say, so a check that has several says it once.
      return unchecked(
        `${t?.none ?? 'no traffic run is recorded'}, so there is nothing to compare with`,
        noLedgerTodo,
      );
    const span = t.counts;
    if (!span) return unchecked('no traffic run to count', noLedgerTodo);
    if ('notYet' in span) return fail(span.notYet, { notYet: true });
    const count = (samples: Sample[]) => {
      const m = new Map<string, number>();
      for (const s of samples) {
        const k = `${s.labels.method} ${s.labels.path} ${s.labels.status}`;
        m.set(k, (m.get(k) ?? 0) + s.value);
      }
      return m;
    };
    const before = count(span.before);
    const after = count(span.after);
    const sent = new Map<string, number>();
    for (const r of ledgerRows(span.group)) {
      const k = `${r.method} ${r.path} ${r.status}`;
      sent.set(k, (sent.get(k) ?? 0) + r.count);
    }
    const problems: string[] = [];
    for (const [k, n] of sent) {
      const added = (after.get(k) ?? 0) - (before.get(k) ?? 0);
      // /health is also probed by healthchecks and readiness waits: only "nothing lost" holds there.
      const ok = k.startsWith('GET /health ') ? added >= n : added === n;
      if (!ok) problems.push(`${k}: sent ${n}, Prometheus counted ${added}`);
    }
    const runs = `${span.group.length} traffic run${span.group.length > 1 ? 's' : ''}`;
    return problems.length === 0
      ? pass(`the counts of ${runs} match the ledger`)
      : fail(
          `counts differ from the traffic ledger of ${runs} (${problems.length}): ${problems.slice(0, 3).join('; ')}`,
          {
            expected: 'the ledger counts',
            actual: problems,
            notYet: true,
          },
        );
  },

  delayFloor: (a, obs) => {
    const ledgers = windowLedgers(obs);
    if (!Array.isArray(ledgers)) return ledgers;
    const delays = ledgers.flatMap((l) => l.delaysSent);
    if (delays.length === 0) return pass('the traffic sent no /delay requests, so no floor applies');
    const floor = bucketFloor(Math.min(...delays));
    const series = obs.samples.find((s) => s.labels[a.label] === a.value);
    if (!series || Number.isNaN(series.value)) {
      return fail(`no value for ${a.label}="${a.value}"`, {
        expected: `≥ ${fmt(floor)}`,
        actual: 'none',
        notYet: true,
      });
    }
    return series.value >= floor
      ? pass()
      : fail(
          `the ${a.value} value ${fmt(series.value)} s is below the smallest delay sent (${fmt(Math.min(...delays))} s)`,
          { expected: `≥ ${fmt(floor)}`, actual: series.value },
        );
  },
};

/** Every request of these statuses that the ledgers of the window sent must show in the raw samples. */
function lostRequests(counter: string, statuses: string, obs: Observation): Verdict | undefined {
  const t = obs.traffic;
  const series = increases(obs, counter);
  if (!t || t.none || series.length === 0) return undefined;
  const windowStart = Math.min(...series.map((s) => s.firstMs));
  const re = anchored(statuses);
  const sent = new Map<string, number>();
  // Only runs that began after the window's first sample were counted whole in it.
  for (const r of ledgerRows(t.inWindow.filter((l) => Date.parse(l.startedAt) >= windowStart))) {
    if (!re.test(String(r.status))) continue;
    const k = `${r.path} ${r.status}`;
    sent.set(k, (sent.get(k) ?? 0) + r.count);
  }
  for (const [k, n] of sent) {
    const seen = series
      .filter((s) => `${s.labels.path} ${s.labels.status}` === k)
      .reduce((sum, s) => sum + s.increase, 0);
    if (seen < n)
      return fail(`the traffic sent ${n} × ${k}, but Prometheus counted ${seen} of them in the window`, {
        expected: `≥ ${n}`,
        actual: seen,
        notYet: true,
      });
  }
  return undefined;
}

export function evaluateAssertion(a: Assertion, obs: Observation): Verdict {
  return (evaluators[a.kind] as Evaluator<typeof a.kind>)(a as never, obs);
}
