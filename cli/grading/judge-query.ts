import { fail, pass, unchecked, type Verdict } from '../checks/verdict.js';
import { UpstreamError } from '../errors.js';
import { clip, oneLine } from '../text.js';
import { agreement } from './compare.js';
import { datasetMoment, type Evaluation } from './equivalence.js';
import { factDifference } from './facts.js';
import type { GradingDeps } from './grade-attempts.js';
import { exprKey } from './promql-tree.js';

/**
 * The grading data's answer to each query text, read beforehand (and how to say when a moment of
 * it is; the grading data's minutes by default); or why there are none, and what to do.
 */
export type DatasetAnswers =
  | { answers: ReadonlyMap<string, Evaluation>; moment?: (atSeconds: number) => string }
  | { missing: string; todo: string };

/**
 * Asks the grading Prometheus about every text once. A grading Prometheus that does not answer
 * leaves the queries unchecked (never passed), with what to do.
 */
export async function readDatasetAnswers(
  dataset: GradingDeps['dataset'],
  texts: Iterable<string>,
): Promise<DatasetAnswers> {
  if (typeof dataset !== 'function') return dataset;
  const answers = new Map<string, Evaluation>();
  try {
    for (const q of new Set(texts)) answers.set(q, await dataset(q));
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return {
      missing: `the grading Prometheus did not answer (${error.message})`,
      todo: 'check `workshop status`; `workshop up` starts the grading Prometheus again',
    };
  }
  return { answers };
}

/**
 * Is `text` the same query as one of `refs`? Prometheus decides, on the grading data: the same
 * answers at every point where either says something. What the exercise fixes (window, rate()
 * against irate(), quantile, offset, a condition) is read from the syntax trees first; the
 * exercise's query written another way (layout, parentheses, `by` before or after) is the same
 * tree. Where the data cannot tell, or there is no grading data, it is unchecked, never a pass.
 * `refs` are in the exercise's order: the first is the one named in messages. `probes` are known
 * mistakes (their answers read too): a pass also needs the data to tell each of them from the
 * exercise's query, so that the agreement was seen where the data can disagree. Pure.
 */
export function judgeQuery(
  refs: readonly string[],
  text: string,
  data: DatasetAnswers,
  probes: readonly string[] = [],
): Verdict {
  const [first] = refs;
  if (first === undefined) throw new Error('judgeQuery needs the exercise query');
  const mine = 'answers' in data ? data.answers.get(text) : undefined;
  if (mine && 'error' in mine) return fail(`Prometheus cannot run it: ${mine.error}`, { expected: first });
  const key = exprKey(text);
  if (key === undefined)
    return fail('it does not parse as PromQL', {
      expected: first,
      hint: 'check the brackets, quotes and commas',
    });
  if (refs.some((r) => exprKey(r) === key)) return pass("the exercise's query");
  const facts = refs.map((r) => factDifference(r, text));
  if (facts.every(Boolean)) {
    const fact = facts[0] as NonNullable<(typeof facts)[number]>;
    return fail(fact.sentence, { expected: first, hint: fact.hint });
  }
  if (!('answers' in data)) return unchecked(`can't tell yet: ${data.missing}`, data.todo);
  if (!mine) throw new Error(`no grading answer was read for ${text}`);
  let difference: string | undefined;
  // An accepted form the data says nothing about (cAdvisor's series where there is no cAdvisor)
  // may be the one meant: then a difference from another form is no proof of a mistake.
  let silent = false;
  for (const ref of refs) {
    const theirs = data.answers.get(ref);
    if (!theirs) throw new Error(`no grading answer was read for ${ref}`);
    if ('error' in theirs)
      return unchecked(
        `can't tell: the grading Prometheus refused the exercise's query (${theirs.error})`,
        'use a Prometheus 2.42 or newer for the grading Prometheus (`workshop up` starts it)',
      );
    const ag = agreement(theirs.points, mine.points);
    const moment = data.moment ?? datasetMoment;
    if (ag.difference) difference ??= `at ${moment(ag.difference.atSeconds)}, ${ag.difference.what}`;
    else if (ag.informative === 0) silent = true;
    else {
      // Mistakes the syntax trees tell apart need no data to tell them.
      const blind = probes.find((p) => {
        const a = data.answers.get(p);
        if (!a || 'error' in a || factDifference(ref, p)) return false;
        return !agreement(theirs.points, a.points).difference;
      });
      if (blind === undefined) return pass("Prometheus gives the same answers as the exercise's query");
      return unchecked(
        `can't tell yet: on this data, ${clip(oneLine(blind), 120)} (a known mistake) gives the same answers too`,
        'check again after some traffic (`workshop traffic demo`)',
      );
    }
  }
  if (difference && !silent) return fail(`it answers differently: ${difference}`, { expected: first });
  return unchecked(
    "can't tell yet: the data cannot tell this query from the exercise's",
    'check again after some traffic (`workshop traffic demo`)',
  );
}
