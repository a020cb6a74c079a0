import type { PromApi } from '../checks/prom-api.js';
import type { Verdict } from '../checks/verdict.js';
import type { FirstPasses } from '../learner/first-passes.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { Session } from '../session.js';
import { scrapeIntervalSeconds } from '../stack/services.js';
import { datasetEvaluator, type Evaluation, type RangeApi } from './equivalence.js';
import type { GradingDeps } from './grade-attempts.js';

/** What grading keeps between rounds (watch, the exporter): verdicts, and the grading data's answers. */
export interface GradingMemory {
  verdicts: Map<string, Verdict>;
  evaluators: Map<string, (promql: string) => Promise<Evaluation>>;
}

export const gradingMemory = (): GradingMemory => ({ verdicts: new Map(), evaluators: new Map() });

/** The grading core's dependencies for a stack: its grading Prometheus and the learner's own. */
export function gradingDeps(
  session: Session,
  learner: (RangeApi & PromApi) | undefined,
  firstPasses: FirstPasses,
  memory: GradingMemory = gradingMemory(),
): GradingDeps {
  return {
    dataset: gradingDataset(session, memory),
    learner,
    scrapeIntervalSeconds,
    firstPasses,
    cache: memory.verdicts,
    now: session.ctx.now,
  };
}

/** The grading Prometheus named on the command line or started by `up`, or why there is none. */
export function gradingDataset(session: Session, memory: GradingMemory): GradingDeps['dataset'] {
  const { ctx, state } = session;
  const url = session.gradingUrl ?? state?.grading?.url;
  if (!url)
    return {
      missing: state
        ? 'this stack has no grading Prometheus (it was started by an older workshop)'
        : 'no stack started by `workshop up` is known, so there is no grading Prometheus',
      todo: 'run `workshop down`, then `workshop up`: it starts the grading Prometheus beside yours',
    };
  let evaluate = memory.evaluators.get(url);
  if (!evaluate) {
    evaluate = datasetEvaluator(
      new PrometheusClient(url, { http: ctx.http, timeoutMs: 10_000, signal: ctx.signal }),
    );
    memory.evaluators.set(url, evaluate);
  }
  return evaluate;
}
