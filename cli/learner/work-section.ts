import type { PromqlExercise } from '../../exercises/schema.js';
import { type CheckResult, type ExerciseResult, everyCheck, uncheckedOf } from '../checks/results.js';
import { UpstreamError } from '../errors.js';
import { learnersOwn } from '../grading/evidence/learner-queries.js';
import { type Attempt, gradeAttempts } from '../grading/grade-attempts.js';
import { type GradingMemory, gradingDeps } from '../grading/grading-session.js';
import { keptPassesOrErrors } from '../grading/kept-passes.js';
import { unearnable } from '../grading/unearnable.js';
import type { PrometheusClient } from '../prometheus/client.js';
import { sourceFor } from '../querylog/source.js';
import { readAttempts, syncQueryLog } from '../querylog/store.js';
import type { Session } from '../session.js';
import { type FirstPasses, readFirstPasses, recordFirstPasses } from './first-passes.js';

export interface WorkOptions {
  only?: (id: string) => boolean;
  /** Count only queries run since then (`--since`); earlier passes do not count either. */
  sinceMs?: number;
  memory?: GradingMemory;
}

const logTodo =
  'turn the query log on (global.query_log_file in prometheus.yml, then POST /-/reload), or grade your queries with --answers FILE';

const section = (def: PromqlExercise, checks: CheckResult[], notes: string[] = []): ExerciseResult => ({
  id: def.id,
  title: def.title,
  section: 'work',
  ...(notes.length ? { notes } : {}),
  checks,
});

/**
 * "Your work": Exercise 1 graded from what the learner ran in the Prometheus UI, read from the
 * query log of the Prometheus that `workshop up` started (only their own queries: not Grafana's,
 * not the UI's tree view). A Prometheus it did not start cannot be read: every check is then
 * unchecked, with how to turn the log on, or to use --answers.
 */
export async function workSection(
  session: Session,
  def: PromqlExercise,
  api: PrometheusClient,
  opts: WorkOptions = {},
): Promise<ExerciseResult> {
  const { ctx, config, state } = session;
  const ours = state?.queryLog && state.urls.prometheus === config.urls.prometheus;
  const source = ours ? await sourceFor(state.queryLog, ctx.exec) : undefined;
  if (!source) {
    const why = state?.queryLog
      ? `workshop did not start the Prometheus at ${config.urls.prometheus}, so it cannot read its query log`
      : (state?.unavailable.querylog ??
        `no query log of the Prometheus at ${config.urls.prometheus} is known (no \`workshop up\` is recorded)`);
    return everyCheck(def, opts.only, (c) => uncheckedOf(c, { message: why, todo: logTodo }));
  }
  const checks = def.checks.filter((c) => opts.only?.(c.id) ?? true);
  const notes = unearnable(def.checks, state?.unavailable ?? {}, state?.backend);
  const since = opts.sinceMs ?? 0;
  const firstPasses = since ? {} : await readFirstPasses(config.stateDir);
  try {
    await syncQueryLog(source, config.stateDir);
    const attempts = learnersOwn(await readAttempts(config.stateDir, since));
    const results = await gradeAttempts(
      { ...def, checks },
      attempts,
      gradingDeps(session, api, firstPasses, opts.memory),
    );
    const passes: FirstPasses = {};
    for (const r of results)
      if (r.status === 'pass' && r.work?.ranAt)
        passes[r.id] = { atMs: Date.parse(r.work.ranAt), query: r.work.query };
    await recordFirstPasses(config.stateDir, passes);
    return section(def, results, notes);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return section(def, keptPassesOrErrors(checks, firstPasses, error), notes);
  }
}

/** "Your work" from an answers file (`--answers`): each answer graded as a try at its check. */
export async function answersSection(
  session: Session,
  def: PromqlExercise,
  api: PrometheusClient,
  answers: Record<string, string>,
  only?: (id: string) => boolean,
): Promise<ExerciseResult> {
  const now = session.ctx.now();
  const checks = def.checks.filter((c) => only?.(c.id) ?? true);
  const attempts: Attempt[] = Object.entries(answers).map(([id, query]) => ({
    query,
    forCheck: id,
    evaluatedAtMs: now,
    loggedAtMs: now,
    stepSeconds: 0,
  }));
  const results = await gradeAttempts({ ...def, checks }, attempts, gradingDeps(session, api, {}));
  return section(
    def,
    results.map((r) =>
      answers[r.id] === undefined
        ? {
            ...r,
            message: 'not attempted: the answers file has no answer for this check',
            todo: `add a line \`${r.id}: <your PromQL>\``,
          }
        : r,
    ),
  );
}
