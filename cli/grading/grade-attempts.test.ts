import { describe, expect, it } from 'vitest';
import { exerciseById } from '../../exercises/registry.js';
import type { PromApi } from '../checks/prom-api.js';
import type { Verdict } from '../checks/verdict.js';
import { UpstreamError } from '../errors.js';
import type { QueryData } from '../prometheus/schemas.js';
import { datasetEvaluator, type RangeApi } from './equivalence.js';
import { type Attempt, type GradingDeps, gradeAttempts } from './grade-attempts.js';

const entry = exerciseById('exercise-1');
if (entry?.runner !== 'promql') throw new Error('exercise-1 is a PromQL exercise');
const ex = entry.definition;
const c = 'flask_http_request_duration_seconds_count';
const at = (query: string, s: number): Attempt => ({
  query,
  evaluatedAtMs: s * 1000,
  loggedAtMs: s * 1000,
  stepSeconds: 0,
});

/** A Prometheus whose answer is one series, value = the query's length (so texts differ), counting calls. */
function countingApi(): RangeApi & PromApi & { calls: number } {
  const unused = async () => {
    throw new Error('not expected in this test');
  };
  const api = {
    calls: 0,
    query: unused,
    targets: unused,
    series: unused,
    labelNames: unused,
    labelValues: unused,
    formatQuery: unused,
    async queryRange(q: string, start: number): Promise<QueryData> {
      api.calls++;
      const v = q.replace(/\s+/g, '').length;
      return { resultType: 'matrix', result: [{ metric: {}, values: [[start, String(v)]] }] };
    },
  };
  return api;
}

const deps = (over: Partial<GradingDeps> = {}): GradingDeps => ({
  dataset: datasetEvaluator(countingApi()),
  learner: undefined,
  scrapeIntervalSeconds: 5,
  firstPasses: {},
  cache: new Map<string, Verdict>(),
  now: () => 0,
  ...over,
});

describe('gradeAttempts (the core)', () => {
  it('judges each attempt once: a second round over the same log asks Prometheus nothing', async () => {
    const grading = countingApi();
    const learner = countingApi();
    const d = deps({ dataset: datasetEvaluator(grading), learner });
    const attempts = [at(`sum(rate(${c}[5m]))`, 10), at(`sum(rate(${c}[1m]))`, 20), at(`rate(${c}[5m])`, 30)];
    await gradeAttempts(ex, attempts, d);
    const first = grading.calls + learner.calls;
    expect(first).toBeGreaterThan(0);
    await gradeAttempts(ex, attempts, d);
    await gradeAttempts(ex, attempts, d);
    expect(grading.calls + learner.calls).toBe(first);
  });

  it('an exact copy of the exercise passes without asking anything; the rest is judged', async () => {
    const grading = countingApi();
    const results = await gradeAttempts(
      ex,
      [at(`rate(${c}[300s])`, 5)],
      deps({ dataset: datasetEvaluator(grading) }),
    );
    expect(results.find((r) => r.id === 'exercise-1/A/4')?.status).toBe('pass');
    expect(grading.calls).toBe(0);
  });

  it("with no grading Prometheus, an answer that is not the exercise's own is unchecked, never a pass", async () => {
    const results = await gradeAttempts(
      ex,
      [at(`sum(rate(${c}[5m])) + 0`, 5)],
      deps({ dataset: { missing: 'no grading Prometheus', todo: 'run workshop up' } }),
    );
    const a5 = results.find((r) => r.id === 'exercise-1/A/5');
    expect(a5?.status).toBe('unchecked');
    expect(a5?.message).toMatch(/^can't tell yet/);
  });

  it('keeps earlier passes when Prometheus does not answer; only the others are errors', async () => {
    const down: RangeApi = {
      queryRange: async () => {
        throw new UpstreamError('Prometheus', 'http://127.0.0.1:9', 'Prometheus did not answer');
      },
    };
    const results = await gradeAttempts(ex, [at(`sum(rate(${c}[5m])) + 0`, 5)], {
      ...deps({ dataset: datasetEvaluator(down) }),
      firstPasses: { 'exercise-1/A/3': { atMs: 1000, query: c } },
    });
    expect(results.find((r) => r.id === 'exercise-1/A/3')?.status).toBe('pass');
    expect(results.find((r) => r.id === 'exercise-1/A/5')?.status).toBe('error');
  });

  it('shows the latest try aimed at a step, not an older one, and counts the tries', async () => {
    const results = await gradeAttempts(
      ex,
      [at(`sum(rate(${c}[1m]))`, 10), at(`sum(irate(${c}[5m]))`, 20)],
      deps(),
    );
    const a5 = results.find((r) => r.id === 'exercise-1/A/5');
    expect(a5?.status).toBe('fail');
    expect(a5?.work?.query).toBe(`sum(irate(${c}[5m]))`);
    expect(a5?.message).toMatch(/irate/);
    expect(a5?.tries?.count).toBe(2);
  });
});
