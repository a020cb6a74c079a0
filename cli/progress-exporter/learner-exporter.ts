import { exerciseById, exercises } from '../../exercises/registry.js';
import type { Context } from '../context.js';
import type { LearnerGrader } from '../learner/learner-grader.js';
import { progressProbe } from '../stack/services.js';
import { version } from '../version.js';
import { progressExporter } from './exporter.js';
import { gradeProgress } from './grade-progress.js';
import { parseLearner, readLearner } from './learner-name.js';

export interface LearnerExporterDeps {
  /** The grader of the stack that is there now, and the one of the last grading. */
  graders: { grader(): Promise<LearnerGrader>; last(): LearnerGrader | undefined };
  stateDir: string;
  /** `--learner` (checked at once); without it, the name `up` wrote, read on each scrape. */
  learner: string | undefined;
  /** The clock, the environment (WORKSHOP_LEARNER), and stderr for what could not be graded. */
  ctx: Pick<Context, 'env' | 'now' | 'stderr'>;
}

/**
 * The learner's progress exporter: one probe module per exercise, each graded at most once per
 * scrape interval, and again at once when the query log grew (Exercise 1).
 */
export function learnerExporter(deps: LearnerExporterDeps) {
  const fixed = deps.learner !== undefined ? parseLearner(deps.learner) : undefined;
  return progressExporter({
    learner: async () => fixed ?? (await readLearner(deps.stateDir, deps.ctx.env.WORKSHOP_LEARNER)),
    version,
    modules: exercises().map((e) => e.definition.id),
    grade: async (id) => gradeProgress(await deps.graders.grader(), id, deps.stateDir, deps.ctx.now()),
    ttlMs: progressProbe.scrapeIntervalSeconds * 1000,
    // The grader of the last grading: a new stack is noticed by the grading itself.
    changed: async (id) =>
      exerciseById(id)?.runner === 'promql' && (await deps.graders.last()?.logChanged()) === true,
    now: deps.ctx.now,
    log: (line) => deps.ctx.stderr.write(`workshop exporter: ${line}\n`),
  });
}
