import { Counter, Gauge, Registry } from 'prom-client';
import { checkStates, type ExerciseProgress } from './view.js';

/** The metric names a class federates (`{__name__=~"workshop_.*"}`); the board and status read them. */
export const progressMetrics = {
  passed: 'workshop_check_passed',
  state: 'workshop_check_state',
  firstPass: 'workshop_check_first_pass_timestamp_seconds',
  firstTry: 'workshop_check_first_attempt_timestamp_seconds',
  attempts: 'workshop_attempts_total',
  score: 'workshop_score',
  scoreMax: 'workshop_score_max',
  probeSuccess: 'workshop_probe_success',
  probeDuration: 'workshop_probe_duration_seconds',
  info: 'workshop_info',
} as const;

/**
 * One probe's answer in the Prometheus text format: a fresh registry each time (the multi-target
 * exporter pattern), so a check that is gone from the exercise is gone from the answer.
 */
export async function probeExposition(
  progress: ExerciseProgress | undefined,
  probe: { success: boolean; durationSeconds: number; exercise: string },
): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const m = progressMetrics;
  gauge(m.probeSuccess, 'Whether the progress exporter could grade this exercise', ['exercise']).set(
    { exercise: probe.exercise },
    probe.success ? 1 : 0,
  );
  gauge(m.probeDuration, 'How long grading this exercise took', ['exercise']).set(
    { exercise: probe.exercise },
    probe.durationSeconds,
  );
  if (progress) {
    const { exercise } = progress;
    const passed = gauge(m.passed, '1 when the learner has passed the check', ['exercise', 'check']);
    const state = gauge(m.state, "The check's state: pass, fail, unchecked, not_attempted or error", [
      'exercise',
      'check',
      'state',
    ]);
    const firstPass = gauge(m.firstPass, 'When the learner first passed the check', ['exercise', 'check']);
    const firstTry = gauge(m.firstTry, 'When the learner first tried the check', ['exercise', 'check']);
    const attempts = new Counter({
      name: m.attempts,
      help: 'Tries at the check: queries most like it (Exercise 1), changes seen in Grafana (Exercise 2)',
      labelNames: ['exercise', 'check'],
      registers: [registry],
    });
    for (const c of progress.checks) {
      const labels = { exercise, check: c.id };
      passed.set(labels, c.state === 'pass' ? 1 : 0);
      for (const s of checkStates) state.set({ ...labels, state: s }, c.state === s ? 1 : 0);
      if (c.firstPassAtMs !== undefined) firstPass.set(labels, c.firstPassAtMs / 1000);
      if (c.firstTryAtMs !== undefined) firstTry.set(labels, c.firstTryAtMs / 1000);
      attempts.inc(labels, c.tries);
    }
    gauge(m.score, "The learner's points in the exercise", ['exercise']).set({ exercise }, progress.score);
    gauge(m.scoreMax, 'The points the exercise has', ['exercise']).set({ exercise }, progress.maxScore);
  }
  return registry.metrics();
}

/** The exporter's own /metrics: who this is, and how grading goes. */
export function exporterRegistry(version: string) {
  const registry = new Registry();
  const info = new Gauge({
    name: progressMetrics.info,
    help: "The learner this stack belongs to, and the workshop toolkit's version",
    labelNames: ['learner', 'version'],
    registers: [registry],
  });
  const gradings = new Counter({
    name: 'workshop_exporter_gradings_total',
    help: 'Gradings run (a scrape within the cache time reuses the last one)',
    labelNames: ['exercise'],
    registers: [registry],
  });
  const seconds = new Counter({
    name: 'workshop_exporter_grading_seconds_total',
    help: 'Time spent grading',
    labelNames: ['exercise'],
    registers: [registry],
  });
  return {
    /** The exposition, with the learner's name as it is now (`up --learner` may change it). */
    async metrics(learner: string) {
      info.reset();
      info.set({ learner, version }, 1);
      return registry.metrics();
    },
    graded(exercise: string, durationSeconds: number) {
      gradings.inc({ exercise });
      seconds.inc({ exercise }, durationSeconds);
    },
  };
}
