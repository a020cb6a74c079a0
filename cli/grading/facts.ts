import { parsePromql, selectorsOf, topComparison } from '../checks/promql-syntax.js';

/** A fact the exercise fixes, differing in the learner's query: one sentence and what to write. */
export interface FactDifference {
  sentence: string;
  hint: string;
}

const rateLike = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv']);

function functionsOf(promql: string): string[] {
  const out: string[] = [];
  parsePromql(promql).iterate({
    enter: (n) => {
      if (n.name === 'FunctionIdentifier') out.push(promql.slice(n.from, n.to));
    },
  });
  return out;
}

function quantileOf(promql: string): number | undefined {
  const m = promql.match(/histogram_quantile\s*\(\s*([\d.eE+-]+)\s*,/);
  return m ? Number(m[1]) : undefined;
}

const hasOffset = (promql: string) => {
  let found = false;
  parsePromql(promql).iterate({
    enter: (n) => {
      if (n.name === 'OffsetExpr' || n.name === 'At') found = true;
    },
  });
  return found;
};

const number = (t: string) => (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(t) ? Number(t) : undefined);

/**
 * What the exercise fixes, read from both syntax trees: the comparison and its threshold, the
 * quantile, the range window, rate() against irate() or increase(), and no `offset`. Data cannot
 * always tell these apart (a 5xx share never sits between 0.05 and 0.0500001), the tree can. Pure.
 */
export function factDifference(reference: string, attempt: string): FactDifference | undefined {
  const [rc, ac] = [topComparison(reference), topComparison(attempt)];
  if (rc && !rc.bool) {
    if (!ac || ac.bool)
      return {
        sentence: `this step is a condition (${rc.op} ${rc.right.trim()}): without a comparison your query returns the value at all times, not only when it holds`,
        hint: `end it with ${rc.op} ${rc.right.trim()}`,
      };
    const [rt, at] = [number(rc.right), number(ac.right)];
    if (ac.op !== rc.op || (rt !== undefined && at !== rt))
      return {
        sentence: `your condition is ${ac.op} ${ac.right.trim()}; this step's holds when the value is ${rc.op} ${rc.right.trim()}`,
        hint: `write … ${rc.op} ${rc.right.trim()}`,
      };
  } else if (!rc && ac && !ac.bool)
    // A value that always sits above the threshold in the data would hide it: the tree cannot.
    return {
      sentence: `your query keeps only the values where ${ac.op} ${ac.right.trim()} holds; this step's gives the value at all times`,
      hint: `drop the ${ac.op} ${ac.right.trim()} (a threshold belongs in Grafana's thresholds or the alert's condition)`,
    };
  const [rq, aq] = [quantileOf(reference), quantileOf(attempt)];
  if (rq !== undefined && aq !== undefined && rq !== aq)
    return {
      sentence: `histogram_quantile(${aq}, …) is the ${aq * 100}th percentile; this step asks for the ${rq * 100}th`,
      hint: `write histogram_quantile(${rq}, …)`,
    };
  const rf = functionsOf(reference).filter((f) => rateLike.has(f));
  const af = functionsOf(attempt).filter((f) => rateLike.has(f));
  const swapped = af.find((f) => !rf.includes(f));
  if (rf.length && swapped) {
    const want = rf[0] as string;
    const why =
      swapped === 'irate'
        ? 'irate() looks only at the last two samples, so it jumps with every scrape'
        : swapped === 'increase'
          ? 'increase() counts requests over the whole window; rate() gives them per second'
          : `${swapped}() is not a per-second rate of a counter`;
    return { sentence: `${why}; this step uses ${want}()`, hint: `write ${want}(…[5m])` };
  }
  const windows = (q: string) =>
    [
      ...new Set(selectorsOf(q).flatMap((s) => (s.rangeSeconds === undefined ? [] : [s.rangeSeconds]))),
    ].sort();
  const [rw, aw] = [windows(reference), windows(attempt)];
  if (rw.length && aw.length && rw.join() !== aw.join())
    return {
      sentence: `your [${aw.map(human).join(', ')}] window differs from the exercise's [${rw.map(human).join(', ')}]: a rate over another window gives other values`,
      hint: `use [${rw.map(human).join(', ')}]`,
    };
  if (hasOffset(attempt) && !hasOffset(reference))
    return {
      sentence: 'offset (or @) shifts your query into the past; this step asks about now',
      hint: 'drop the offset',
    };
  return undefined;
}

const human = (s: number) => (s % 60 === 0 ? `${s / 60}m` : `${s}s`);
