import { PrometheusApiError } from '../prometheus/client.js';
import type { QueryData } from '../prometheus/schemas.js';
import { type Agreement, agreement, type Points, pointsOf } from './compare.js';
import { datasetStart, gradingInstants } from './dataset/workload.js';

/** What equivalence needs of a Prometheus: range queries. */
export interface RangeApi {
  queryRange(promql: string, start: number, end: number, step: number): Promise<QueryData>;
}

/** A stretch of data compared: from start to end (seconds), every step. */
export interface Span {
  start: number;
  end: number;
  step: number;
}

/** The stretch of the dataset compared: every minute from the first grading instant to the last. */
const datasetSpan: Span = {
  start: (gradingInstants[0] as number) - 120,
  end: gradingInstants.at(-1) as number,
  step: 60,
};

export type Evaluation = { points: Points } | { error: string };

/**
 * Prometheus decides: each text is evaluated once on the grading Prometheus (the discriminating
 * dataset), every minute of its graded stretch (or over another span of fixed data); answers are
 * kept, as they never change.
 */
export function datasetEvaluator(api: RangeApi, span: Span = datasetSpan) {
  const known = new Map<string, Promise<Evaluation>>();
  return (promql: string): Promise<Evaluation> => {
    let p = known.get(promql);
    if (!p) {
      p = api.queryRange(promql, span.start, span.end, span.step).then(
        (data) => ({ points: pointsOf(data) }),
        (error) => {
          if (error instanceof PrometheusApiError) return { error: error.message };
          known.delete(promql);
          throw error;
        },
      );
      known.set(promql, p);
    }
    return p;
  };
}

/** The learner's own data around when they ran the query: the 10 minutes up to it, every 15 s. */
export async function onLearnerData(
  api: RangeApi,
  reference: string,
  attempt: string,
  atMs: number,
): Promise<Agreement> {
  const end = Math.floor(atMs / 1000);
  const [r, a] = await Promise.all(
    [reference, attempt].map(async (q) => pointsOf(await api.queryRange(q, end - 600, end, 15))),
  );
  return agreement(r as Points, a as Points);
}

/** When the dataset moment is, in words: "minute 27 of the grading data". */
export function datasetMoment(atSeconds: number): string {
  return `minute ${Math.round((atSeconds - datasetStart) / 60)} of the grading data`;
}
