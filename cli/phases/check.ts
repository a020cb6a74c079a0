import { exercises, type RegisteredExercise } from '../../exercises/registry.js';
import type { ExerciseResult, RunSummary } from '../checks/results.js';
import { runPromqlExercise } from '../checks/run-checks.js';
import type { GradingMemory } from '../grading/grading-session.js';
import { gradeGrafanaExercise } from '../grafana/grade-learner.js';
import { answersSection, workSection } from '../learner/work-section.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { Session } from '../session.js';
import type { GrafanaToGrade } from '../stack/grafana-target.js';
import { scrapeIntervalSeconds } from '../stack/services.js';
import { readLedgers } from '../traffic/ledger.js';
import type { Spinner } from '../ui/spinner.js';

export interface CheckPhaseOptions {
  /** Exercise ids, in the registry's order; all when empty. */
  exercises: string[];
  only?: (id: string) => boolean;
  /** A learner's queries by check id (`--answers`). */
  answers?: Record<string, string>;
  waitMs: number;
  /** Whether there is a Grafana to grade, when the caller decided it (smoke, preflight); else as for the learner's work. */
  grafana?: GrafanaToGrade;
  /**
   * Grade the learner's own work too (Exercise 1 from the query log, or --answers), beside the
   * stack checks; smoke and preflight only check the stack.
   */
  learnerWork: boolean;
  /** Only queries run since then count as the learner's work (`--since`). */
  sinceMs?: number;
  /** Verdicts reached before, reused by `watch`. */
  memory?: GradingMemory;
  spinner: Spinner;
}

type Runner<E extends RegisteredExercise> = (
  entry: E,
  session: Session,
  opts: CheckPhaseOptions,
  prometheus: PrometheusClient,
) => Promise<ExerciseResult[]>;

/** How each kind of exercise is graded: the registry says which kind an exercise is. */
const runners: { [K in RegisteredExercise['runner']]: Runner<Extract<RegisteredExercise, { runner: K }>> } = {
  promql: async ({ definition }, session, opts, prometheus) => {
    const { ctx, config } = session;
    const { ledgers } = await readLedgers(config.stateDir);
    let finished = 0;
    const total = definition.checks.filter((c) => opts.only?.(c.id) ?? true).length;
    const run = () =>
      runPromqlExercise(
        definition,
        {
          api: prometheus,
          ledgers: ledgers.map((l) => l.ledger),
          now: ctx.now,
          sleep: ctx.sleep,
          signal: ctx.signal,
          onEvent: (e) => {
            if (e.type === 'end') opts.spinner.update(`${definition.id}: ${++finished} checked`);
            if (e.type === 'retry')
              opts.spinner.update(
                `${definition.id}: ${finished}/${total} checked; ${e.id} not yet: ${e.reason}`,
              );
          },
        },
        {
          waitMs: opts.waitMs,
          scrapeIntervalSeconds,
          ...(opts.only ? { only: opts.only } : {}),
        },
      );
    const stack = { ...(await run()), section: 'stack' as const };
    if (!opts.learnerWork) return [stack];
    const work = opts.answers
      ? await answersSection(session, definition, prometheus, opts.answers, opts.only)
      : await workSection(session, definition, prometheus, {
          ...(opts.only ? { only: opts.only } : {}),
          ...(opts.sinceMs ? { sinceMs: opts.sinceMs } : {}),
          ...(opts.memory ? { memory: opts.memory } : {}),
        });
    return [work, stack];
  },
  grafana: async ({ definition }, session, opts) => [
    await gradeGrafanaExercise(definition, session, {
      ...(opts.only ? { only: opts.only } : {}),
      ...(opts.grafana ? { grafana: opts.grafana } : {}),
      ...(opts.memory ? { memory: opts.memory } : {}),
    }),
  ],
};

/** Grades the chosen exercises, each with its runner; one result per check, never a throw for an upstream failure. */
export async function checkPhase(session: Session, opts: CheckPhaseOptions): Promise<RunSummary> {
  const { ctx, config } = session;
  const prometheus = new PrometheusClient(config.urls.prometheus, {
    http: ctx.http,
    timeoutMs: 5_000,
    signal: ctx.signal,
  });
  const chosen = exercises().filter(
    (e) => opts.exercises.length === 0 || opts.exercises.includes(e.definition.id),
  );
  const startedAt = ctx.now();
  const results: ExerciseResult[] = [];
  for (const entry of chosen) {
    const where = entry.runner === 'promql' ? config.urls.prometheus : config.urls.grafana;
    opts.spinner.start(`${entry.definition.id}: checking against ${where}`);
    try {
      results.push(
        ...(await (runners[entry.runner] as Runner<RegisteredExercise>)(entry, session, opts, prometheus)),
      );
    } finally {
      opts.spinner.stop();
    }
  }
  return { exercises: results, startedAt, durationMs: ctx.now() - startedAt };
}
