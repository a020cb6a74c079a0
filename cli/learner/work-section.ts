import type { PromqlExercise } from '../../exercises/schema.js';
import type { PromApi } from '../checks/prom-api.js';
import { type CheckResult, type ExerciseResult, everyCheck } from '../checks/results.js';
import type { Verdict } from '../checks/verdict.js';
import { UpstreamError } from '../errors.js';
import { sourceFor } from '../querylog/source.js';
import { readAttempts, syncQueryLog } from '../querylog/store.js';
import type { Session } from '../session.js';
import { scrapeIntervalSeconds } from '../stack/services.js';
import { gradeWork } from './grade-work.js';
import { keptPassesOrErrors } from './kept-passes.js';
import { type FirstPasses, readFirstPasses, recordFirstPasses } from './progress.js';

export interface WorkOptions {
  only?: (id: string) => boolean;
  /** Count only queries run since then (`--since`); earlier passes do not count either. */
  sinceMs?: number;
  cache?: Map<string, Verdict>;
}

const logTodo =
  'turn the query log on (global.query_log_file in prometheus.yml, then POST /-/reload), or grade your queries with --answers FILE';

/**
 * "Your work": Exercise 1 graded from what the learner ran in the Prometheus UI, read from the
 * query log of the Prometheus that `workshop up` started. A Prometheus it did not start cannot be
 * read: every check is then unchecked, with how to turn the log on, or to use --answers.
 */
export async function workSection(
  session: Session,
  def: PromqlExercise,
  api: PromApi,
  opts: WorkOptions = {},
): Promise<ExerciseResult> {
  const { ctx, config, state } = session;
  const notes = unearnable(def.checks, state?.unavailable ?? {}, state?.backend);
  const section = (checks: CheckResult[]): ExerciseResult => ({
    id: def.id,
    title: def.title,
    section: 'work',
    ...(notes.length ? { notes } : {}),
    checks,
  });
  const ours = state?.queryLog && state.urls.prometheus === config.urls.prometheus;
  const source = ours ? await sourceFor(state.queryLog, ctx.exec) : undefined;
  if (!source) {
    const why = state?.queryLog
      ? `workshop did not start the Prometheus at ${config.urls.prometheus}, so it cannot read its query log`
      : (state?.unavailable.querylog ??
        `no query log of the Prometheus at ${config.urls.prometheus} is known (no \`workshop up\` is recorded)`);
    return everyCheck(def, opts.only, (c) => ({
      id: c.id,
      title: c.title,
      points: c.points,
      attempts: 0,
      durationMs: 0,
      status: 'unchecked',
      message: why,
      todo: logTodo,
    }));
  }
  const checks = def.checks.filter((c) => opts.only?.(c.id) ?? true);
  const since = opts.sinceMs ?? 0;
  const firstPasses = since ? {} : await readFirstPasses(config.stateDir);
  try {
    await syncQueryLog(source, config.stateDir);
    const attempts = await readAttempts(config.stateDir, since);
    const targets = await api.targets();
    const results = await gradeWork({ ...def, checks }, attempts, {
      api,
      targets,
      scrapeIntervalSeconds,
      firstPasses,
      now: ctx.now,
      ...(opts.cache ? { cache: opts.cache } : {}),
    });
    const passes: FirstPasses = {};
    for (const r of results)
      if (r.status === 'pass' && r.work?.ranAt)
        passes[r.id] = { atMs: Date.parse(r.work.ranAt), query: r.work.query };
    await recordFirstPasses(config.stateDir, passes);
    return section(results);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return section(keptPassesOrErrors(checks, firstPasses, error));
  }
}

/**
 * Points this stack cannot give: the parts whose checks need a service it does not run (Part D
 * and cAdvisor on the native backend), said with the score so that 14/20 is not a mystery. Pure.
 */
export function unearnable(
  checks: PromqlExercise['checks'],
  unavailable: Record<string, string>,
  backend: string | undefined,
): string[] {
  const byService = new Map<string, { parts: Set<string>; points: number }>();
  for (const c of checks)
    for (const need of c.needs)
      if (unavailable[need.service]) {
        const e = byService.get(need.service) ?? { parts: new Set<string>(), points: 0 };
        e.parts.add(c.id.split('/')[1] ?? '');
        e.points += c.points;
        byService.set(need.service, e);
      }
  return [...byService].map(
    ([service, { parts, points }]) =>
      `Part ${[...parts].join(', ')}'s ${points} points need the compose stack: ${unavailable[service]}; this ${backend ? `${backend} ` : ''}stack cannot earn them`,
  );
}
