import { describe, expect, it } from 'vitest';
import { exerciseById } from '../../../exercises/registry.js';
import type { PromqlExercise } from '../../../exercises/schema.js';
import { gradingDatasetForFile } from '../../../test/helpers/grading-prometheus.js';
import { expectFullTable, expectToldApart } from '../../../test/helpers/variant-tables.js';
import type { Verdict } from '../../checks/verdict.js';
import { gradeAttempts } from '../grade-attempts.js';
import { exercise1Variants } from './exercise-1.variants.js';

// Each table runs against a real Prometheus serving the shipped dataset (the grading Prometheus).
const entry = exerciseById('exercise-1');
if (entry?.runner !== 'promql') throw new Error('exercise-1 is a PromQL exercise');
const ex: PromqlExercise = entry.definition;
const evaluate = gradingDatasetForFile();

const verdictOf = async (checkId: string, query: string) => {
  const [r] = await gradeAttempts(
    { ...ex, checks: ex.checks.filter((c) => c.id === checkId) },
    [{ query, forCheck: checkId, evaluatedAtMs: 0, loggedAtMs: 0, stepSeconds: 0 }],
    {
      dataset: evaluate,
      learner: undefined,
      scrapeIntervalSeconds: 5,
      firstPasses: {},
      cache: new Map<string, Verdict>(),
      now: () => 0,
    },
  );
  return r;
};

describe('every check has a table of at least 10 variants, right ones and wrong ones', () => {
  it.each(ex.checks.map((c) => c.id))('%s', (id) => {
    expectFullTable(exercise1Variants[id]);
  });
});

for (const [id, table] of Object.entries(exercise1Variants)) {
  describe(`${id}: the grading data decides`, () => {
    it.each(table.map((v) => [v.why, v] as const))('%s', async (_why, v) => {
      const r = await verdictOf(id, v.query);
      expect(r?.status, `${v.query}\n${r?.message}`).toBe(v.right ? 'pass' : 'fail');
    });
  });
  describe(`${id}: the dataset tells each wrong variant from the reference`, () => {
    const check = ex.checks.find((c) => c.id === id);
    it.each(table.filter((v) => !v.right && !v.factsOnly).map((v) => [v.why, v] as const))('%s', (_why, v) =>
      expectToldApart(evaluate, [check?.query ?? '', ...(check?.accepted ?? [])], v.query),
    );
  });
}
