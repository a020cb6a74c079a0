import { PrometheusApiError } from '../prometheus/client.js';
import type { AssertionVerdict } from './assertions.js';
import { samplesOf } from './observation.js';
import type { PromApi } from './prom-api.js';
import { describeDiff, diffSeries, isEmptyDiff } from './series-diff.js';

/**
 * A learner's answer is right when Prometheus formats it the same as the reference, or when both,
 * evaluated at the same instant, return the same series.
 */
export async function gradeAnswer(
  reference: string,
  answer: string,
  api: PromApi,
  nowMs: number,
): Promise<AssertionVerdict> {
  let canonical: string;
  try {
    canonical = await api.formatQuery(answer);
  } catch (error) {
    if (error instanceof PrometheusApiError)
      return { ok: false, message: `your query does not parse: ${error.message}`, actual: answer };
    throw error;
  }
  if (canonical === (await api.formatQuery(reference)))
    return { ok: true, note: 'the same PromQL as the reference (canonical form)' };
  const time = nowMs / 1000;
  const [expected, actual] = await Promise.all([api.query(reference, time), api.query(answer, time)]);
  const exp = samplesOf(expected.data);
  const act = samplesOf(actual.data);
  if (exp.length === 0 && act.length === 0) {
    return {
      ok: false,
      message: 'both your query and the reference return nothing yet: generate traffic first',
      notYet: true,
    };
  }
  const diff = diffSeries(exp, act);
  return isEmptyDiff(diff)
    ? { ok: true, note: `returns the same ${exp.length} series as the reference` }
    : {
        ok: false,
        message: `your query returns different results: ${describeDiff(diff)}`,
        expected: reference,
        actual: answer,
      };
}
