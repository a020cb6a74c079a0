import { PrometheusApiError } from '../prometheus/client.js';
import type { ScrapeTarget } from '../prometheus/schemas.js';
import { clip } from '../text.js';
import { diagnoseEmpty } from './diagnose.js';
import { type Sample, samplesOf } from './observation.js';
import type { PromApi } from './prom-api.js';
import { topComparison } from './promql-syntax.js';
import { describeDiff, diffSeries, isEmptyDiff } from './series-diff.js';
import { fail, pass, unchecked, type Verdict } from './verdict.js';

export interface AnswerContext {
  targets: ScrapeTarget[];
  scrapeIntervalSeconds: number;
}

const trafficTodo =
  'run `workshop traffic quick` (or `workshop traffic errors` for the alert), then check again';

/**
 * A learner's answer is right when Prometheus formats it the same as the reference, or when both,
 * evaluated at the same instant, return the same series. An alert condition that does not fire
 * (both empty) is compared by its unfiltered side and its threshold.
 */
export async function gradeAnswer(
  reference: string,
  answer: string,
  api: PromApi,
  nowMs: number,
  ctx: AnswerContext,
): Promise<Verdict> {
  let canonical: string;
  try {
    canonical = await api.formatQuery(answer);
  } catch (error) {
    if (error instanceof PrometheusApiError)
      return fail(`your query does not parse: ${error.message}`, {
        actual: clip(answer),
        hint: 'Prometheus could not read it: check the brackets, quotes and commas around the place it names',
      });
    throw error;
  }
  if (canonical === (await api.formatQuery(reference)))
    return pass('the same PromQL as the reference (canonical form)');
  const time = nowMs / 1000;
  const at = async (q: string) => samplesOf((await api.query(q, time)).data);
  const [exp, act] = await Promise.all([at(reference), at(answer)]);
  if (exp.length === 0 && act.length === 0) return gradeQuietConditions(reference, answer, at);
  if (act.length === 0) {
    const d = await diagnoseEmpty(answer, api, ctx.targets, ctx.scrapeIntervalSeconds);
    return fail(`your query returns nothing: ${d.message}`, {
      expected: `${exp.length} series`,
      actual: clip(answer),
      hint: d.hint ?? 'compare your selector with the one the exercise text gives',
      notYet: !d.final,
    });
  }
  return sameSeries(exp, act, 'the same');
}

function sameSeries(exp: Sample[], act: Sample[], what: string): Verdict {
  const diff = diffSeries(exp, act);
  return isEmptyDiff(diff)
    ? pass(`returns ${what} ${exp.length} series as the reference`)
    : fail(`your query returns different results: ${describeDiff(diff)}`);
}

/** Both filtered results are empty: compare the conditions themselves, which may just not hold now. */
async function gradeQuietConditions(
  reference: string,
  answer: string,
  at: (q: string) => Promise<Sample[]>,
): Promise<Verdict> {
  const r = topComparison(reference);
  const a = topComparison(answer);
  if (!r || r.bool || !a || a.bool)
    return unchecked(
      'both your query and the reference return nothing yet, so there is nothing to compare',
      trafficTodo,
      true,
    );
  if (a.op !== r.op)
    return fail(`your condition uses ${a.op} where the exercise asks for ${r.op}`, {
      expected: r.op,
      actual: a.op,
    });
  const [refThreshold, ansThreshold] = await Promise.all([at(r.right), at(a.right)]);
  const threshold = (s: Sample[]) =>
    s.length === 1 && Object.keys(s[0]?.labels ?? {}).length === 0 ? s[0]?.value : undefined;
  if (threshold(refThreshold) === undefined || threshold(refThreshold) !== threshold(ansThreshold))
    return fail(`your threshold is ${a.right.trim()}, the exercise asks for ${r.right.trim()}`, {
      expected: r.right.trim(),
      actual: a.right.trim(),
    });
  const [exp, act] = await Promise.all([at(r.left), at(a.left)]);
  if (exp.length === 0 && act.length === 0)
    return unchecked(
      'the condition has no data to decide on yet (no requests in the window)',
      trafficTodo,
      true,
    );
  const v = sameSeries(exp, act, 'the same unfiltered');
  return v.outcome === 'pass' ? pass(`the same condition, which does not hold right now (${v.note})`) : v;
}
