import { exerciseById } from '../../exercises/registry.js';
import type { ExerciseResult } from '../checks/results.js';
import { gradingMemory } from '../grading/grading-session.js';
import { gradeGrafanaExercise } from '../grafana/grade-learner.js';
import { PrometheusClient } from '../prometheus/client.js';
import { sourceFor } from '../querylog/source.js';
import type { Session } from '../session.js';
import { workSection } from './work-section.js';

export interface LearnerGraderOptions {
  /** Each network call's time limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Grades the learner's own work, one exercise at a time: Exercise 1 from the query log (each
 * attempt judged once: the verdicts are cached), Exercise 2 from Grafana. `watch` and the
 * progress exporter share it. `logChanged` tells whether the query log grew since the last grading.
 */
export function learnerGrader(session: Session, opts: LearnerGraderOptions = {}) {
  const { ctx, config } = session;
  const api = new PrometheusClient(config.urls.prometheus, {
    http: ctx.http,
    timeoutMs: opts.timeoutMs ?? 5_000,
    signal: opts.signal ?? ctx.signal,
  });
  const memory = gradingMemory();
  let seen = '';
  const sourcePromise = sourceFor(session.state?.queryLog, ctx.exec);
  const stamp = async () => {
    const st = await (await sourcePromise)?.stat();
    return st ? `${st.identity}:${st.size}` : '';
  };
  return {
    hasQueryLog: () => Boolean(session.state?.queryLog),
    async logChanged() {
      return (await stamp()) !== seen;
    },
    async grade(id: string): Promise<ExerciseResult | undefined> {
      const entry = exerciseById(id);
      if (!entry) return undefined;
      const result =
        entry.runner === 'promql'
          ? await workSection(session, entry.definition, api, { memory })
          : await gradeGrafanaExercise(entry.definition, session, {});
      // Our own queries are in the log by now (Prometheus logs a query when it finishes): not news.
      seen = await stamp();
      return result;
    },
  };
}

export type LearnerGrader = ReturnType<typeof learnerGrader>;
