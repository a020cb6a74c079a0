import type { PromqlCheck, PromqlExercise } from '../../exercises/schema.js';
import { diagnoseEmpty } from '../checks/diagnose.js';
import type { PromApi } from '../checks/prom-api.js';
import { type CheckResult, resultOf } from '../checks/results.js';
import { fail, pass, unchecked, type Verdict } from '../checks/verdict.js';
import { UpstreamError } from '../errors.js';
import type { FirstPasses } from '../learner/first-passes.js';
import type { LoggedQuery } from '../querylog/parse.js';
import { clip } from '../text.js';
import { aimedAt, referencesOf, relatedTo } from './attribution.js';
import { agreement } from './compare.js';
import { datasetMoment, type Evaluation, onLearnerData, type RangeApi } from './equivalence.js';
import { factDifference } from './facts.js';
import { keptPass, keptPassesOrErrors } from './kept-passes.js';
import { nearMiss } from './near-miss.js';
import { similarity } from './promql-shape.js';
import { exprKey } from './promql-tree.js';

/** A learner's query as evidence: from the query log, or an answers file (then aimed at one check). */
export interface Attempt extends LoggedQuery {
  /** An answers file says which check the answer is for. */
  forCheck?: string;
}

export interface GradingDeps {
  /** The grading Prometheus (the discriminating dataset), or why there is none and what to do. */
  dataset: ((promql: string) => Promise<Evaluation>) | { missing: string; todo: string };
  /** The learner's own Prometheus: their data around when they ran the query, and why a query is empty. */
  learner: (RangeApi & PromApi) | undefined;
  scrapeIntervalSeconds: number;
  /** Checks passed before (kept in the state dir): a pass is never taken away. */
  firstPasses: FirstPasses;
  /** Verdicts reached, by check, text and evaluation time: each attempt is judged once. */
  cache: Map<string, Verdict>;
  now(): number;
}

/**
 * THE grading core for PromQL: the learner's attempts in, one verdict per check out. Each attempt
 * is judged against every check whose metrics it reads (Prometheus decides, on the grading data
 * and on the learner's own); a check passes with the first attempt that is right for it; a
 * check not passed shows the latest attempt aimed at it and what differs, or "not attempted".
 */
export async function gradeAttempts(
  ex: PromqlExercise,
  attempts: Attempt[],
  deps: GradingDeps,
): Promise<CheckResult[]> {
  const runs = latestRuns(attempts);
  type Run = Attempt & { firstAtMs: number };
  const passes = new Map<string, { attempt: Run; verdict: Verdict }>();
  const judged = new Map<string, Verdict>();
  try {
    for (const attempt of runs) {
      // The exercise's own query of one step, written any way: a try at that step only.
      const key = exprKey(attempt.query);
      const exact = ex.checks.find((c) => referencesOf(c).some((r) => exprKey(r) === key));
      for (const check of ex.checks) {
        if (deps.firstPasses[check.id]) continue;
        const target = attempt.forCheck ?? exact?.id;
        if (target ? target !== check.id : !relatedTo(check, attempt.query)) continue;
        const verdict = await judge(check, attempt, deps);
        judged.set(`${check.id}\n${attempt.query}`, verdict);
        const old = passes.get(check.id);
        if (verdict.outcome === 'pass' && (!old || attempt.firstAtMs < old.attempt.firstAtMs))
          passes.set(check.id, { attempt, verdict });
      }
    }
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    // Prometheus down: what was passed before stays passed; the rest could not be graded.
    return keptPassesOrErrors(ex.checks, deps.firstPasses, error);
  }
  const passed = new Set([...passes.keys(), ...Object.keys(deps.firstPasses)]);
  const aimed = new Map<string, Attempt[]>();
  for (const a of runs) {
    const check = a.forCheck
      ? ex.checks.find((c) => c.id === a.forCheck)
      : aimedAt(ex.checks, a.query, passed);
    if (check && !aimed.has(check.id)) aimed.set(check.id, []);
    if (check) aimed.get(check.id)?.push(a);
  }
  const tries = triesOf(ex, attempts);
  return ex.checks.map((check) => {
    const triesHere = tries.get(check.id);
    const done = (
      v: Verdict,
      attempt?: { query: string; atMs: number },
      difference?: string,
    ): CheckResult => ({
      ...resultOf(check, v, 1, 0),
      attempted: attempt !== undefined,
      ...(attempt
        ? {
            work: {
              query: attempt.query,
              ranAt: new Date(attempt.atMs).toISOString(),
              ...(difference ? { difference } : {}),
            },
          }
        : {}),
      ...(triesHere ? { tries: triesHere } : {}),
    });
    const earlier = deps.firstPasses[check.id];
    if (earlier) return { ...keptPass(check, earlier), ...(triesHere ? { tries: triesHere } : {}) };
    const hit = passes.get(check.id);
    if (hit) return done(hit.verdict, { query: hit.attempt.query, atMs: hit.attempt.firstAtMs });
    // Runs are latest first: the latest try at this step is what the learner sees.
    const latest = aimed.get(check.id)?.[0];
    if (!latest) return done(notAttempted(ex, check));
    const verdict = judged.get(`${check.id}\n${latest.query}`) ?? unchecked('not graded', 'check again');
    return done(
      verdict,
      { query: latest.query, atMs: latest.loggedAtMs },
      verdict.outcome === 'fail' ? verdict.message : undefined,
    );
  });
}

function notAttempted(ex: PromqlExercise, check: PromqlCheck): Verdict {
  const step = check.id.split('/').slice(1).join('/');
  const todo = `do step ${step} (${check.title}) of exercises/${ex.id}/README.md in the Prometheus UI`;
  const need = check.needs[0];
  return unchecked(
    need ? `not attempted yet; this step ${need.why}` : 'not attempted yet',
    need?.instead ? `${todo}; without cAdvisor: ${need.instead}` : todo,
  );
}

/** One attempt against one check, once: the verdict is kept by check, text and evaluation time. */
async function judge(check: PromqlCheck, attempt: Attempt, deps: GradingDeps): Promise<Verdict> {
  const key = `${check.id}\n${attempt.evaluatedAtMs}\n${attempt.query}`;
  const known = deps.cache.get(key);
  if (known) return known;
  const verdict = await decide(check, attempt, deps);
  if (!(verdict.outcome === 'unchecked' && verdict.notYet)) deps.cache.set(key, verdict);
  return verdict;
}

async function decide(check: PromqlCheck, attempt: Attempt, deps: GradingDeps): Promise<Verdict> {
  const text = attempt.query;
  if (attempt.error) return fail(`Prometheus could not run it: ${attempt.error}`, { actual: clip(text) });
  const refs = referencesOf(check);
  const key = exprKey(text);
  if (key === undefined)
    return fail('your query does not parse', {
      actual: clip(text),
      hint: 'check the brackets, quotes and commas',
    });
  if (refs.some((r) => exprKey(r) === key)) return pass("the exercise's query");
  const closest = refs.reduce((a, b) => (similarity(b, text) > similarity(a, text) ? b : a));
  const hintFor = (ref: string, extra?: { hint: string }) =>
    extra?.hint ??
    nearMiss(ref, text, deps)?.hint ??
    `compare it with step ${check.id.split('/').slice(1).join('/')} in exercises/${check.id.split('/')[0]}/README.md`;
  const wrong = (sentence: string, ref: string, hint?: string) =>
    fail(sentence, { expected: ref, actual: clip(text), hint: hint ?? hintFor(ref) });
  const fact = factDifference(closest, text);
  if (fact) return wrong(nearMiss(closest, text, deps)?.sentence ?? fact.sentence, closest, fact.hint);
  if (typeof deps.dataset !== 'function')
    return unchecked(`can't tell yet: ${deps.dataset.missing}`, deps.dataset.todo, true);
  const evaluate = deps.dataset;
  const mine = await evaluate(text);
  if ('error' in mine) return wrong(`Prometheus could not run it: ${mine.error}`, closest);
  let firstDifference: { ref: string; what: string } | undefined;
  for (const ref of refs) {
    const theirs = await evaluate(ref);
    if ('error' in theirs)
      throw new UpstreamError(
        'Prometheus',
        'grading',
        `the grading Prometheus refused the exercise's query: ${theirs.error}`,
      );
    const ag = agreement(theirs.points, mine.points);
    if (ag.difference) {
      firstDifference ??= {
        ref,
        what: `at ${datasetMoment(ag.difference.atSeconds)}, ${ag.difference.what}`,
      };
      continue;
    }
    if (ag.informative === 0) continue;
    if (deps.learner) {
      const own = await onLearnerData(deps.learner, ref, text, attempt.evaluatedAtMs);
      if (own.difference) {
        const when = new Date(own.difference.atSeconds * 1000).toISOString().slice(11, 19);
        const miss = nearMiss(ref, text, deps);
        return wrong(miss?.sentence ?? `on your own data at ${when}, ${own.difference.what}`, ref);
      }
    }
    return pass("Prometheus gives the same answers as the exercise's query on the grading data");
  }
  const empty = [...mine.points.values()].every((p) => p.size === 0);
  const miss = nearMiss(firstDifference?.ref ?? closest, text, deps);
  if (miss) return wrong(miss.sentence, firstDifference?.ref ?? closest, miss.hint);
  if (empty && deps.learner) {
    // Nothing at all, on any data: a typo in a name or a label is the likely cause; say which.
    const d = await diagnoseEmpty(
      text,
      deps.learner,
      await deps.learner.targets(),
      deps.scrapeIntervalSeconds,
    );
    return wrong(`your query returns nothing: ${d.message}`, closest, d.hint ?? hintFor(closest));
  }
  if (!firstDifference)
    return unchecked(
      "can't tell yet: the grading data cannot tell your query from the exercise's",
      'check again after `workshop up`',
      true,
    );
  return wrong(`your query answers differently: ${firstDifference.what}`, firstDifference.ref);
}

/** Each text once, at its latest run (with its first run's time): the most recent first. */
function latestRuns(attempts: Attempt[]): (Attempt & { firstAtMs: number })[] {
  const byText = new Map<string, Attempt & { firstAtMs: number }>();
  for (const a of attempts) {
    const k = `${a.forCheck ?? ''}\n${a.query}`;
    const old = byText.get(k);
    if (!old) byText.set(k, { ...a, firstAtMs: a.loggedAtMs });
    else {
      const firstAtMs = Math.min(old.firstAtMs, a.loggedAtMs);
      byText.set(k, a.loggedAtMs > old.loggedAtMs ? { ...a, firstAtMs } : { ...old, firstAtMs });
    }
  }
  return [...byText.values()].sort((a, b) => b.loggedAtMs - a.loggedAtMs);
}

/** How many runs were aimed at each check, and when the first was: what the class board counts. */
export function triesOf(
  ex: PromqlExercise,
  attempts: Attempt[],
): Map<string, { count: number; firstAtMs: number }> {
  const aimedFor = new Map<string, string | undefined>();
  const out = new Map<string, { count: number; firstAtMs: number }>();
  for (const a of attempts) {
    if (!aimedFor.has(a.query)) aimedFor.set(a.query, a.forCheck ?? aimedAt(ex.checks, a.query)?.id);
    const id = aimedFor.get(a.query);
    if (!id) continue;
    const t = out.get(id);
    if (t) {
      t.count++;
      t.firstAtMs = Math.min(t.firstAtMs, a.loggedAtMs);
    } else out.set(id, { count: 1, firstAtMs: a.loggedAtMs });
  }
  return out;
}
