import type { PromqlCheck, PromqlExercise } from '../../exercises/schema.js';
import { gradeAnswer } from '../checks/grade-answer.js';
import type { PromApi } from '../checks/prom-api.js';
import { type CheckResult, resultOf } from '../checks/results.js';
import { fail, unchecked, type Verdict } from '../checks/verdict.js';
import { UpstreamError } from '../errors.js';
import type { ScrapeTarget } from '../prometheus/schemas.js';
import type { LoggedQuery } from '../querylog/parse.js';
import { clip } from '../text.js';
import { keptPass, keptPassesOrErrors } from './kept-passes.js';
import { nearMiss, related } from './near-miss.js';
import type { FirstPasses } from './progress.js';
import { similarity } from './promql-shape.js';

export interface WorkDeps {
  api: PromApi;
  targets: ScrapeTarget[];
  scrapeIntervalSeconds: number;
  /** Checks that passed before (kept in the state dir): a pass is never taken away. */
  firstPasses: FirstPasses;
  /** Verdicts already reached, by check, query and time: a watch grades each attempt once. */
  cache?: Map<string, Verdict>;
  now(): number;
}

/** The attempts most like a check that are evaluated against it (each costs a few queries). */
const attemptsTried = 4;
/** Below this likeness an attempt is not taken as a try at a check at all. */
const minLikeness = 0.35;

/**
 * Grades what the learner really ran in the Prometheus UI (the query log): per check, pass with
 * their own query and when they ran it; fail with their closest attempt and what differs; or
 * unchecked, "not attempted yet". An attempt is right when it is the exercise's query (canonical
 * form), or returned the same result at the instant they ran it. An attempt that is right for
 * one check is not a wrong try at another; a wrong one counts for the check it is most like.
 */
export async function gradeWork(
  ex: PromqlExercise,
  attempts: LoggedQuery[],
  deps: WorkDeps,
): Promise<CheckResult[]> {
  const d = { ...deps, api: withFormatCache(deps.api) };
  const distinct = latestFirst(
    attempts.filter((a) => ex.checks.some((c) => related(c.query, a.query))),
  ).slice(0, 200);
  const passes = new Map<string, Judged>();
  const tried = new Map<string, Judged[]>();
  try {
    await Promise.all(
      ex.checks.map(async (check) => {
        if (deps.firstPasses[check.id]) return;
        const candidates = distinct
          .filter((a) => related(check.query, a.query))
          .sort((a, b) => similarity(check.query, b.query) - similarity(check.query, a.query))
          .slice(0, attemptsTried);
        const results: Judged[] = [];
        for (const attempt of candidates) {
          const verdict = await judge(check, attempt, d);
          results.push({ attempt, verdict });
          if (verdict.outcome === 'pass') {
            passes.set(check.id, { attempt, verdict });
            break;
          }
        }
        tried.set(check.id, results);
      }),
    );
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return keptPassesOrErrors(ex.checks, deps.firstPasses, error);
  }
  const used = new Set([...passes.values()].map((p) => p.attempt.query));
  const closestCheck = closestCheckOf(ex);
  const tries = triesByCheck(ex, attempts);
  return ex.checks.map((check) => {
    const started = deps.now();
    const triesHere = tries.get(check.id);
    const done = (v: Verdict, attempt?: LoggedQuery, difference?: string): CheckResult => ({
      ...resultOf(check, v, 1, deps.now() - started),
      attempted: attempt !== undefined,
      ...(attempt ? { work: work(attempt, difference) } : {}),
      ...(triesHere ? { tries: triesHere } : {}),
    });
    const earlier = deps.firstPasses[check.id];
    if (earlier) return { ...keptPass(check, earlier), ...(triesHere ? { tries: triesHere } : {}) };
    const passed = passes.get(check.id);
    if (passed) return done(passed.verdict, passed.attempt);
    // A wrong attempt is a try at the one check it is most like, if it is like it at all.
    const latest = (tried.get(check.id) ?? [])
      .filter(
        ({ attempt }) =>
          !used.has(attempt.query) &&
          closestCheck(attempt.query).id === check.id &&
          similarity(check.query, attempt.query) >= minLikeness,
      )
      .sort((a, b) => b.attempt.loggedAtMs - a.attempt.loggedAtMs)[0];
    if (!latest)
      return done(
        unchecked(
          'not attempted yet',
          `do step ${check.id.split('/').slice(1).join('/')} (${check.title}) of exercises/${ex.id}/README.md in the Prometheus UI`,
        ),
      );
    const { attempt, verdict } = latest;
    if (verdict.outcome !== 'fail') return done(verdict, attempt);
    const miss = nearMiss(check.query, attempt.query, deps);
    const message = miss?.sentence ?? verdict.message;
    return done(
      fail(message, {
        expected: check.query,
        actual: clip(attempt.query),
        hint: miss?.hint ?? verdict.hint ?? check.hint,
      }),
      attempt,
      message,
    );
  });
}

/** The check a query is most like (ties: the earlier check). */
function closestCheckOf(ex: PromqlExercise) {
  return (q: string) =>
    ex.checks.reduce((best, c) => (similarity(c.query, q) > similarity(best.query, q) ? c : best));
}

/**
 * How many times the learner ran a query that is a try at each check (it is most like that check,
 * and like it at all), and when the first was: what the class board counts and calls "stuck".
 */
export function triesByCheck(
  ex: PromqlExercise,
  attempts: LoggedQuery[],
): Map<string, { count: number; firstAtMs: number }> {
  const closest = closestCheckOf(ex);
  const likeness = new Map<string, { id: string; like: boolean }>();
  const out = new Map<string, { count: number; firstAtMs: number }>();
  for (const a of attempts) {
    let hit = likeness.get(a.query);
    if (!hit) {
      const check = closest(a.query);
      hit = {
        id: check.id,
        like: related(check.query, a.query) && similarity(check.query, a.query) >= minLikeness,
      };
      likeness.set(a.query, hit);
    }
    if (!hit.like) continue;
    const t = out.get(hit.id);
    if (t) {
      t.count++;
      t.firstAtMs = Math.min(t.firstAtMs, a.loggedAtMs);
    } else out.set(hit.id, { count: 1, firstAtMs: a.loggedAtMs });
  }
  return out;
}

interface Judged {
  attempt: LoggedQuery;
  verdict: Verdict;
}

/** One attempt against the check, at the instant the learner ran it. */
async function judge(check: PromqlCheck, attempt: LoggedQuery, deps: WorkDeps): Promise<Verdict> {
  const key = `${check.id}\n${attempt.evaluatedAtMs}\n${attempt.query}`;
  const known = deps.cache?.get(key);
  if (known) return known;
  const verdict = attempt.error
    ? fail(`Prometheus could not run it: ${attempt.error}`, { actual: clip(attempt.query) })
    : await gradeAnswer(check.query, attempt.query, deps.api, attempt.evaluatedAtMs, deps);
  // "Not yet" depends on when it is asked; a verdict about a past instant does not change.
  if (verdict.outcome === 'pass' || !verdict.notYet) deps.cache?.set(key, verdict);
  return verdict;
}

function work(attempt: LoggedQuery, difference: string | undefined) {
  return {
    query: attempt.query,
    ranAt: new Date(attempt.loggedAtMs).toISOString(),
    ...(difference ? { difference } : {}),
  };
}

/** Each query text once, at its latest run; the most recent first. */
function latestFirst(attempts: LoggedQuery[]): LoggedQuery[] {
  const byText = new Map<string, LoggedQuery>();
  for (const a of attempts) {
    const old = byText.get(a.query);
    if (!old || a.loggedAtMs > old.loggedAtMs) byText.set(a.query, a);
  }
  return [...byText.values()].sort((a, b) => b.loggedAtMs - a.loggedAtMs);
}

/** format_query answers never change: one call per text, shared by every check of the round. */
function withFormatCache(api: PromApi): PromApi {
  const cache = new Map<string, Promise<string>>();
  return {
    query: (q, t) => api.query(q, t),
    targets: () => api.targets(),
    series: (m, s) => api.series(m, s),
    labelNames: (m) => api.labelNames(m),
    labelValues: (l, m) => api.labelValues(l, m),
    formatQuery: (q) => {
      let p = cache.get(q);
      if (!p) {
        p = api.formatQuery(q);
        cache.set(q, p);
        p.catch(() => cache.delete(q));
      }
      return p;
    },
  };
}
