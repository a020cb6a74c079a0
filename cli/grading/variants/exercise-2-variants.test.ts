import { describe, expect, it } from 'vitest';
import { grafanaExercise } from '../../../exercises/registry.js';
import { errorRateRule } from '../../../test/grafana-stand-in/alert-rule-fixture.js';
import { type Json, snapshotOf, solutionDashboard } from '../../../test/helpers/exercise-2-snapshot.js';
import { gradingDatasetForFile } from '../../../test/helpers/grading-prometheus.js';
import { expectFullTable, expectToldApart } from '../../../test/helpers/variant-tables.js';
import { allPanels, targetsOf } from '../../grafana/dashboard-model.js';
import { gradePanel, graders } from '../../grafana/grade.js';
import type { AlertRule } from '../../grafana/schemas.js';
import { type GrafanaSnapshot, withoutGrafanaVariables } from '../../grafana/snapshot.js';
import { readDatasetAnswers } from '../judge-query.js';
import { type AlertVariant, exercise2Variants } from './exercise-2.variants.js';

// Each variant goes into the reference solution's dashboard (or the alert rule Grafana's UI
// makes) and through the real graders; the grading Prometheus serves the shipped dataset.
const ex = grafanaExercise();
const evaluate = gradingDatasetForFile();

/** The table's key, "exercise-2/C/3 p95", as the expected target and where it sits in the solution. */
function targetOf(key: string) {
  const [check, ...name] = key.split(' ');
  if (check === 'exercise-2/H/10') return { refs: [ex.alert.query], panel: undefined, index: -1 };
  const panel = ex.panels.find((p) => p.check === check);
  const index = panel?.targets.findIndex((t) => t.name === name.join(' ')) ?? -1;
  const target = panel?.targets[index];
  if (!panel || !target) throw new Error(`no target for ${key}`);
  return { refs: [...target.queries], panel, index };
}

async function snapshotWith(dashboard: Json | undefined, rules: AlertRule[]): Promise<GrafanaSnapshot> {
  const texts = [ex.alert.query, ...ex.panels.flatMap((p) => p.targets.flatMap((t) => t.queries))];
  if (dashboard) for (const p of allPanels(dashboard)) for (const t of targetsOf(p)) texts.push(t.expr);
  for (const r of rules)
    for (const d of r.data) if (typeof d.model.expr === 'string') texts.push(d.model.expr);
  return snapshotOf(dashboard, {
    alertRules: rules,
    ruleGroupInterval: 60,
    answers: await readDatasetAnswers(evaluate, texts.map(withoutGrafanaVariables)),
  });
}

async function verdictOf(key: string, v: AlertVariant) {
  const { panel, index } = targetOf(key);
  if (!panel) {
    const rule = errorRateRule('workshop', { uid: 'r', title: ex.alert.title }) as Json;
    rule.data[0].datasourceUid = 'prom-uid';
    rule.data[0].model.expr = v.query;
    if (v.threshold)
      rule.data[2].model.conditions[0].evaluator = { type: v.threshold.type, params: [v.threshold.value] };
    return graders['exercise-2/H/10'](await snapshotWith(undefined, [rule as AlertRule]), ex, {
      backend: 'compose',
      prometheusUrl: 'http://localhost:9090',
    });
  }
  const dashboard = solutionDashboard();
  const p = (dashboard.panels as Json[]).find((x) => x.title === panel.title) as Json;
  p.targets[index].expr = v.query;
  return gradePanel(panel, await snapshotWith(dashboard, []));
}

describe('every Exercise 2 query has a table of at least 10 variants, right ones and wrong ones', () => {
  const keys = [
    ...ex.panels.flatMap((p) => p.targets.map((t) => `${p.check} ${t.name}`)),
    'exercise-2/H/10 alert',
  ];
  it.each(keys)('%s', (key) => {
    expectFullTable(exercise2Variants[key]);
  });
});

for (const [key, table] of Object.entries(exercise2Variants)) {
  describe(`${key}: the grading data decides`, () => {
    it.each(table.map((v) => [v.why, v] as const))('%s', async (_why, v) => {
      const verdict = await verdictOf(key, v);
      expect(verdict.outcome, `${v.query}\n${JSON.stringify(verdict)}`).toBe(v.right ? 'pass' : 'fail');
    });
  });
  describe(`${key}: the dataset tells each wrong variant from the reference`, () => {
    const { refs } = targetOf(key);
    it.each(table.filter((v) => !v.right && !v.factsOnly).map((v) => [v.why, v] as const))('%s', (_why, v) =>
      expectToldApart(evaluate, refs, v.query),
    );
  });
}
