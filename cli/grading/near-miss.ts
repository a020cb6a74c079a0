import type { SyntaxNode } from '@lezer/common';
import { families, rateFunctions, type Shape, shapeOf } from './promql-shape.js';

/** A learner's near miss, said in one sentence, with what to write instead. */
export interface NearMiss {
  sentence: string;
  hint: string;
}

type Rule = (ref: Shape, attempt: Shape, ctx: { scrapeIntervalSeconds: number }) => NearMiss | undefined;

/**
 * The mistakes learners make with these queries, read from the syntax trees of the exercise's
 * query and the learner's, most telling first. Each fires only when the reference does it right.
 */
const rules: Rule[] = [
  // The original text's E/2: histogram_quantile per series where the step takes one over all requests.
  (ref, a) => {
    const overAll = ref.aggregations.some((g) => !g.without && (g.by ?? []).join() === 'le');
    if (!overAll || a.aggregations.length || !a.calls.some((c) => c.name === 'histogram_quantile'))
      return undefined;
    return {
      sentence:
        'without sum by (le), histogram_quantile gives one percentile per series (each path, method and status), so the condition is judged per series, not over all requests',
      hint: 'add the buckets up first: histogram_quantile(0.95, sum by (le) (rate(…[5m])))',
    };
  },
  // histogram_quantile over an aggregation that drops `le`.
  (ref, a) => {
    if (!a.calls.some((c) => c.name === 'histogram_quantile')) return undefined;
    const dropper = a.aggregations.find((g) => !g.without && !(g.by ?? []).includes('le'));
    if (!dropper || !ref.aggregations.every((g) => (g.by ?? []).includes('le'))) return undefined;
    const by = dropper.by?.length ? `by (${dropper.by.join(', ')})` : 'without by';
    const want = `${dropper.op} by (le${dropper.by?.length ? `, ${dropper.by.join(', ')}` : ''})`;
    return {
      sentence: `${dropper.op} ${by} drops the le label, and histogram_quantile needs le to find the buckets`,
      hint: `keep le in the grouping: ${want} (…)`,
    };
  },
  // histogram_quantile over the raw bucket counters.
  (ref, a) => {
    const hq = a.calls.find((c) => c.name === 'histogram_quantile');
    if (
      !hq ||
      !ref.calls.some((c) => rateFunctions.has(c.name)) ||
      a.calls.some((c) => rateFunctions.has(c.name))
    )
      return undefined;
    return {
      sentence: 'histogram_quantile is applied to the raw bucket counters, which count since the app started',
      hint: 'take the rate of the buckets first: histogram_quantile(0.95, rate(flask_http_request_duration_seconds_bucket[5m]))',
    };
  },
  // rate(sum(…)[5m:]) instead of sum(rate(…)).
  (_ref, a) => {
    const bad = a.calls.find(
      (c) => rateFunctions.has(c.name) && /^\(\s*(sum|avg|min|max|count)\b/.test(c.args),
    );
    if (!bad) return undefined;
    return {
      sentence: `${bad.name}() is applied to a sum: summing counters first hides every reset, so the rate is wrong`,
      hint: `${bad.name}() comes first, then the sum: sum(${bad.name}(…[5m]))`,
    };
  },
  // A counter read without rate() where the exercise takes its rate.
  (ref, a) => {
    const refRated = ref.selectors
      .filter((s) => s.rangeSeconds !== undefined && s.metric)
      .map((s) => s.metric);
    const raw = a.selectors.find(
      (s) => s.metric && refRated.includes(s.metric) && s.rangeSeconds === undefined,
    );
    if (!raw || a.calls.some((c) => rateFunctions.has(c.name))) return undefined;
    return {
      sentence: `${raw.metric} is a counter: it only ever grows, so its raw value is a total since the app started, not a rate`,
      hint: `rate(${raw.metric}[5m]) turns it into a per-second rate`,
    };
  },
  // `by` on one side of a binary operator only.
  (ref, a) => {
    const grouped = (s: Shape) => {
      if (s.top?.name !== 'BinaryExpr') return undefined;
      const sides = [s.top.firstChild, s.top.lastChild].filter((n): n is SyntaxNode => Boolean(n));
      return sides.map((side) =>
        s.aggregations.some((g) => g.by?.length && g.node.from >= side.from && g.node.to <= side.to),
      );
    };
    const mine = grouped(a);
    const theirs = grouped(ref);
    if (!mine || mine[0] === mine[1] || (theirs && theirs[0] !== theirs[1])) return undefined;
    return {
      sentence:
        'the by (…) groups only one side of the operator, so the two sides no longer match series for series',
      hint: 'group the whole expression: sum by (status) (rate(…[5m])), with the grouping on the aggregation you want split',
    };
  },
  // One series per label where the step wants one in all, or the other way round.
  (ref, a) => {
    const [want, got] = [ref.aggregations[0], a.aggregations[0]];
    if (!want || !got || ref.calls.some((c) => c.name === 'histogram_quantile')) return undefined;
    const w = want.by ?? [];
    const g = got.by ?? [];
    if (w.join() === g.join()) return undefined;
    if (w.length === 0)
      return {
        sentence: `${got.op} by (${g.join(', ')}) keeps one series per ${g.join(' and ')}; this step adds everything into one`,
        hint: `drop the by (${g.join(', ')}): ${want.op}(…) without by adds every series into one`,
      };
    return {
      sentence: g.length
        ? `your by (${g.join(', ')}) splits the result by another label than this step's by (${w.join(', ')})`
        : `${got.op}(…) without by adds every series into one; this step wants one series per ${w.join(' and ')}`,
      hint: `group by (${w.join(', ')})`,
    };
  },
  // cAdvisor's container ids on cgroup v2.
  (_ref, a) => {
    const ids = a.selectors.flatMap((s) => s.matchers).filter((m) => m.label === 'id');
    const byName = ids.find((m) => /prometheus-/.test(m.value));
    if (byName)
      return {
        sentence: `id${byName.op}"${byName.value}" looks for the container's name in its id, but cAdvisor's id is the cgroup path (/docker/<hash>, or /system.slice/docker-<hash>.scope on cgroup v2); the name is in the name label`,
        hint: 'select it by name: {name="prometheus-webapp"}',
      };
    const byId = ids.find((m) => /docker/.test(m.value));
    if (!byId) return undefined;
    return {
      sentence: `id=~"${byId.value}" matches nothing on cgroup-v2 (systemd) hosts, where cAdvisor's container ids look like /system.slice/docker-<id>.scope`,
      hint: 'select containers by their name label instead: {name!=""}, or {name="prometheus-webapp"}',
    };
  },
  // A label matcher with another value than the exercise's (status=~"4.." for 4xx and 5xx).
  (ref, a) => {
    for (const want of ref.selectors.flatMap((s) => s.matchers)) {
      const got = a.selectors
        .flatMap((s) => s.matchers)
        .find((m) => m.label === want.label && (m.value !== want.value || m.op !== want.op));
      if (!got) continue;
      const both =
        want.label === 'status' &&
        /4/.test(want.value) &&
        /5/.test(want.value) &&
        !(/4/.test(got.value) && /5/.test(got.value));
      return {
        sentence: both
          ? `${got.label}${got.op}"${got.value}" matches only ${/4/.test(got.value) ? '4xx' : '5xx'} codes, and this step asks for 4xx and 5xx`
          : `your ${got.label}${got.op}"${got.value}" differs from the exercise's ${want.label}${want.op}"${want.value}"`,
        hint: `write ${want.label}${want.op}"${want.value}"`,
      };
    }
    return undefined;
  },
  // A rate window too short for two scrapes, or not the exercise's.
  (ref, a, ctx) => {
    const want = ref.selectors.find((s) => s.rangeSeconds !== undefined)?.rangeSeconds;
    const got = a.selectors.find((s) => s.rangeSeconds !== undefined && s.rangeSeconds !== want);
    if (want === undefined || !got?.rangeSeconds) return undefined;
    return got.rangeSeconds < 2 * ctx.scrapeIntervalSeconds
      ? {
          sentence: `a [${got.rangeSeconds}s] window holds fewer than two scrapes (one every ${ctx.scrapeIntervalSeconds} s), so rate() has nothing to compute from`,
          hint: `use the exercise's [${want / 60}m] window`,
        }
      : {
          sentence: `your [${human(got.rangeSeconds)}] window differs from the exercise's [${human(want)}]: a rate over another window gives other values`,
          hint: `use [${want / 60}m]`,
        };
  },
  // Another quantile.
  (ref, a) => {
    const q = (s: Shape) =>
      s.calls.find((c) => c.name === 'histogram_quantile')?.args.match(/^\(\s*([\d.]+)/)?.[1];
    const [want, got] = [q(ref), q(a)];
    if (!want || !got || Number(want) === Number(got)) return undefined;
    return {
      sentence: `histogram_quantile(${got}, …) is the ${Number(got) * 100}th percentile; this step asks for the ${Number(want) * 100}th`,
      hint: `write histogram_quantile(${want}, …)`,
    };
  },
];

const human = (s: number) => (s % 60 === 0 ? `${s / 60}m` : `${s}s`);

/** The first near miss that explains how `attempt` differs from `reference`, if one does. */
export function nearMiss(
  reference: string,
  attempt: string,
  ctx: { scrapeIntervalSeconds: number },
): NearMiss | undefined {
  const ref = shapeOf(reference);
  const a = shapeOf(attempt);
  for (const rule of rules) {
    const found = rule(ref, a, ctx);
    if (found) return found;
  }
  return undefined;
}

/** Whether an attempt is about this check at all: it reads one of the same metrics. */
export function related(reference: string, attempt: string): boolean {
  const want = families(reference);
  return [...families(attempt)].some((f) => want.has(f));
}
