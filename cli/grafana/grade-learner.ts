import type { GrafanaExercise } from '../../exercises/schema.js';
import { type ExerciseResult, everyCheck, uncheckedOf } from '../checks/results.js';
import { type GradingMemory, gradingDataset, gradingMemory } from '../grading/grading-session.js';
import type { Session } from '../session.js';
import { type GrafanaToGrade, grafanaToGrade } from '../stack/grafana-target.js';
import { GrafanaClient } from './client.js';
import { runGrafanaExercise } from './run-exercise.js';

/**
 * Exercise 2 on the session's Grafana: graded when there is one to grade (`grafana`, when the
 * caller decided it, else as for the learner's work); a backend without one leaves every check
 * unchecked, saying what to do.
 */
export async function gradeGrafanaExercise(
  definition: GrafanaExercise,
  session: Session,
  opts: { only?: (id: string) => boolean; grafana?: GrafanaToGrade; memory?: GradingMemory },
): Promise<ExerciseResult> {
  const { ctx, config, state } = session;
  const there = opts.grafana ?? (await grafanaToGrade(session, 'read'));
  if (!there.grade)
    return everyCheck(definition, opts.only, (c) =>
      uncheckedOf(c, {
        message: `no Grafana in the ${there.backend} backend (${there.why})`,
        todo: 'point --grafana-url at a Grafana to check it, or use the compose backend',
        unavailableService: 'grafana',
      }),
    );
  const client = new GrafanaClient(session.grafana.url, session.grafana.credentials, {
    http: ctx.http,
    timeoutMs: 10_000,
    signal: ctx.signal,
  });
  return runGrafanaExercise(
    definition,
    {
      client,
      dataset: gradingDataset(session, opts.memory ?? gradingMemory()),
      env: { backend: state?.backend ?? 'unknown', prometheusUrl: config.urls.prometheus },
      now: ctx.now,
    },
    opts.only,
  );
}
