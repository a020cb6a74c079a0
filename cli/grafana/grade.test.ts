import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grafanaExercise } from '../../exercises/registry.js';
import { errorRateRule } from '../../test/grafana-stand-in/alert-rule-fixture.js';
import {
  type Json,
  prometheusDataSource,
  snapshotOf,
  solutionDashboard,
} from '../../test/helpers/exercise-2-snapshot.js';
import { allPanels, resolveDataSource, targetsOf } from './dashboard-model.js';
import { type GradeEnv, gradePanel, graders } from './grade.js';
import type { AlertRule } from './schemas.js';
import type { GrafanaSnapshot } from './snapshot.js';

const exercise2 = grafanaExercise();

const load = (p: string): Json => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const solution = solutionDashboard;
const prometheus = prometheusDataSource;
const env: GradeEnv = { backend: 'compose', prometheusUrl: 'http://localhost:9090' };
const snapshot = snapshotOf;
const panelDef = (id: string) =>
  exercise2.panels.find((p) => p.check === id) as (typeof exercise2.panels)[number];
const grade = (id: string, d: Json | undefined, over: Partial<GrafanaSnapshot> = {}) =>
  gradePanel(panelDef(id), snapshot(d, over));
const panel = (d: Json, title: string) => (d.panels as Json[]).find((p) => p.title === title) as Json;

describe('the reference solution', () => {
  it.each(['exercise-2/B/2', 'exercise-2/C/3', 'exercise-2/D/4', 'exercise-2/F/6'])('passes %s', (id) => {
    expect(grade(id, solution())).toMatchObject({ outcome: 'pass' });
  });
  it('passes description, time range and refresh', () => {
    expect(graders['exercise-2/G/7']?.(snapshot(solution()), exercise2, env)).toMatchObject({
      outcome: 'pass',
    });
    expect(graders['exercise-2/G/8']?.(snapshot(solution()), exercise2, env)).toMatchObject({
      outcome: 'pass',
    });
  });
});

describe('variants a learner really produces', () => {
  it('panels inside a collapsed row', () => {
    const d = solution();
    d.panels = [
      {
        type: 'row',
        title: 'Signals',
        collapsed: true,
        panels: d.panels,
        gridPos: { h: 1, w: 24, x: 0, y: 0 },
      },
    ];
    expect(grade('exercise-2/C/3', d)).toMatchObject({ outcome: 'pass' });
  });

  it('a legacy graph panel with its unit on the y-axis', () => {
    const d = solution();
    const p = panel(d, 'Request Rate (req/s)');
    Object.assign(p, {
      type: 'graph',
      fieldConfig: { defaults: {}, overrides: [] },
      yaxes: [{ format: 'reqps' }, { format: 'short' }],
    });
    expect(grade('exercise-2/B/2', d)).toMatchObject({
      outcome: 'pass',
      note: expect.stringContaining('legacy Graph panel'),
    });
  });

  it.each([null, 0, undefined])('a base threshold step with value %s', (value) => {
    const d = solution();
    const steps = panel(d, 'Error Rate %').fieldConfig.defaults.thresholds.steps as Json[];
    if (value === undefined) delete steps[0]?.value;
    else (steps[0] as Json).value = value;
    expect(grade('exercise-2/D/4', d)).toMatchObject({ outcome: 'pass' });
  });

  it('a data source referenced by name, by null (the default) and through an export input', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's own placeholder syntax.
    for (const ref of ['Prometheus', null, { uid: '${DS_PROMETHEUS}' }]) {
      const d = solution();
      d.__inputs = [{ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }];
      for (const t of panel(d, 'Request Rate (req/s)').targets as Json[]) t.datasource = ref;
      panel(d, 'Request Rate (req/s)').datasource = ref;
      expect(grade('exercise-2/B/2', d), JSON.stringify(ref)).toMatchObject({ outcome: 'pass' });
    }
  });

  it('{{ path }} with spaces is the same legend', () => {
    const d = solution();
    (panel(d, 'Request Rate (req/s)').targets as Json[])[0] = {
      ...(panel(d, 'Request Rate (req/s)').targets as Json[])[0],
      legendFormat: '{{ path }}',
    };
    expect(grade('exercise-2/B/2', d)).toMatchObject({ outcome: 'pass' });
  });

  it('a time series Error Rate panel needs dashed threshold lines; a stat panel is accepted without', () => {
    const d = solution();
    const p = panel(d, 'Error Rate %');
    expect(grade('exercise-2/D/4', d)).toMatchObject({
      outcome: 'pass',
      note: expect.stringContaining('Stat panels cannot draw threshold lines'),
    });
    p.type = 'timeseries';
    expect(grade('exercise-2/D/4', d)).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('As lines (dashed)'),
    });
    p.fieldConfig.defaults.custom = { thresholdsStyle: { mode: 'dashed+area' } };
    expect(grade('exercise-2/D/4', d)).toMatchObject({ outcome: 'pass' });
  });
});

describe('mistakes, each caught with its message', () => {
  it('a wrong unit', () => {
    const d = solution();
    panel(d, 'Request Rate (req/s)').fieldConfig.defaults.unit = 'rps';
    expect(grade('exercise-2/B/2', d)).toMatchObject({
      outcome: 'fail',
      message: 'the unit is rps: choose "requests/sec (rps)"',
      expected: 'reqps',
      actual: 'rps',
    });
  });

  it('a wrong threshold', () => {
    const d = solution();
    panel(d, 'Error Rate %').fieldConfig.defaults.thresholds.steps[2].value = 10;
    expect(grade('exercise-2/D/4', d)).toMatchObject({ outcome: 'fail', message: 'no red threshold at 5' });
  });

  it('a wrong data source URL, with the Bad Gateway explanation on compose', () => {
    const wrong = { ...prometheus, url: 'http://localhost:9090' };
    const v = graders['exercise-2/A/2']?.(
      snapshot(undefined, { dataSource: wrong, dataSources: [wrong] }),
      exercise2,
      env,
    );
    expect(v).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('Bad Gateway'),
      expected: 'http://prometheus:9090',
    });
    // On the native backend the local URL is the right one, trailing slash tolerated.
    const local = { ...prometheus, url: 'http://127.0.0.1:9090/' };
    const native = graders['exercise-2/A/2']?.(
      snapshot(undefined, { dataSource: local, dataSources: [local] }),
      exercise2,
      { ...env, backend: 'native' },
    );
    expect(native).toMatchObject({ outcome: 'pass' });
  });

  it('a panel title that differs only in case', () => {
    const d = solution();
    panel(d, 'Error Rate %').title = 'error rate %';
    expect(grade('exercise-2/D/4', d)).toMatchObject({
      outcome: 'fail',
      message: 'the title differs: "error rate %"',
    });
  });
});

describe('real exported dashboards (dotdc, Apache-2.0)', () => {
  it.each(['dotdc-k8s-system-api-server.json', 'dotdc-k8s-system-coredns.json'])(
    '%s is read without crashing and graded as not the workshop dashboard',
    (file) => {
      const d = load(`../../test/fixtures/grafana/${file}`);
      expect(allPanels(d).length).toBeGreaterThan(5);
      for (const p of exercise2.panels) {
        expect(gradePanel(p, snapshot(d))).toMatchObject({
          outcome: 'fail',
          message: `no panel titled "${p.title}"`,
        });
      }
      expect(graders['exercise-2/G/8']?.(snapshot(d), exercise2, env)).toMatchObject({ outcome: 'fail' });
    },
  );

  // biome-ignore lint/suspicious/noTemplateCurlyInString: names Grafana's variable syntax.
  it('resolves their ${datasource} template variable to the Prometheus data source', () => {
    const d = load('../../test/fixtures/grafana/dotdc-k8s-system-api-server.json');
    const first = allPanels(d)[0] as ReturnType<typeof allPanels>[number];
    const ref = targetsOf(first)[0]?.datasource;
    expect(resolveDataSource(ref, d, [prometheus])).toEqual(prometheus);
  });
});

describe('nothing there yet is "absent" (the class board shows not attempted), a mistake is not', () => {
  it('no data source, no dashboard, no panel of that title, no alert rule', () => {
    const none = snapshot(undefined, { dataSources: [], dataSource: undefined, health: undefined });
    for (const id of [
      'exercise-2/A/1',
      'exercise-2/A/2',
      'exercise-2/A/3',
      'exercise-2/B/1',
      'exercise-2/G/7',
      'exercise-2/H/10',
    ] as const)
      expect(graders[id](none, exercise2, env)).toMatchObject({ outcome: 'fail', absent: true });
    const d = solution();
    d.panels = [];
    expect(grade('exercise-2/B/2', d)).toMatchObject({ outcome: 'fail', absent: true });
  });

  it('a title that differs only in case is a try, not absent', () => {
    const d = solution();
    const expected = panelDef('exercise-2/B/2');
    panel(d, expected.title).title = expected.title.toUpperCase();
    const v = grade('exercise-2/B/2', d);
    expect(v).toMatchObject({ outcome: 'fail', message: expect.stringContaining('the title differs') });
    expect(v).not.toHaveProperty('absent');
  });
});

describe('the alert rule: its condition followed back to its query, as Grafana evaluates it', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the rule is edited the way a learner's UI would.
  const rule = (edit: (r: any) => void = () => {}) => {
    const r = errorRateRule('workshop', { uid: 'r1', title: 'High Error Rate' }) as Json;
    r.data[0].datasourceUid = 'prom-uid';
    r.data[0].model.expr = exercise2.alert.query;
    edit(r);
    return r as AlertRule;
  };
  const h10 = (r: AlertRule, over: Partial<GrafanaSnapshot> = {}) =>
    graders['exercise-2/H/10'](
      snapshot(undefined, { alertRules: [r], ruleGroupInterval: 60, ...over }),
      exercise2,
      env,
    );

  it("passes the UI's rule: query A, reduce B (last), threshold C IS ABOVE 5", () => {
    expect(h10(rule())).toEqual({ outcome: 'pass' });
  });

  it('passes a math expression "$B > 5" and a classic condition', () => {
    const math = rule((r) => {
      r.data[2].model = { refId: 'C', type: 'math', expression: '$B > 5' };
    });
    expect(h10(math)).toEqual({ outcome: 'pass' });
    const classic = rule((r) => {
      r.condition = 'B';
      r.data[1].model = {
        refId: 'B',
        type: 'classic_conditions',
        conditions: [
          { evaluator: { type: 'gt', params: [5] }, query: { params: ['A'] }, reducer: { type: 'last' } },
        ],
      };
    });
    expect(h10(classic)).toEqual({ outcome: 'pass' });
  });

  it.each([
    ['IS BELOW 5', { type: 'lt', params: [5] }, 'the condition is IS BELOW 5, not "IS ABOVE 5"'],
    ['IS ABOVE 0.05', { type: 'gt', params: [0.05] }, 'the condition is IS ABOVE 0.05, not "IS ABOVE 5"'],
    ['IS ABOVE 50', { type: 'gt', params: [50] }, 'the condition is IS ABOVE 50, not "IS ABOVE 5"'],
  ])('fails %s', (_name, evaluator, message) => {
    const r = rule((x) => {
      x.data[2].model.conditions[0].evaluator = evaluator;
    });
    expect(h10(r)).toMatchObject({ outcome: 'fail', message });
  });

  it('fails a Reduce that counts points; judges the query the threshold watches, not the first one', () => {
    expect(h10(rule((r) => (r.data[1].model.reducer = 'count')))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('"count"'),
    });
    const elsewhere = rule((r) => {
      const expr = exercise2.alert.query.replaceAll('[5m]', '[1m]');
      r.data.push({ refId: 'D', datasourceUid: 'prom-uid', model: { refId: 'D', expr } });
      r.data[1].model.expression = 'D';
    });
    expect(h10(elsewhere)).toMatchObject({ outcome: 'fail', message: expect.stringContaining('[1m]') });
  });

  it("another PromQL than the exercise's is unchecked without grading data, never a pass; a wrong window fails from the tree", () => {
    const other = rule((r) => {
      r.data[0].model.expr = `100 * ${exercise2.alert.query.replace(') * 100', ')')}`;
    });
    expect(h10(other)).toMatchObject({
      outcome: 'unchecked',
      message: expect.stringContaining("can't tell yet"),
    });
    const window = rule((r) => {
      r.data[0].model.expr = exercise2.alert.query.replaceAll('[5m]', '[1m]');
    });
    expect(h10(window)).toMatchObject({ outcome: 'fail', message: expect.stringContaining('[1m]') });
  });
});

describe('panel queries without grading data', () => {
  it("the exercise query written another way is unchecked (can't tell yet), a fact that differs fails", () => {
    const d = solution();
    const t = (panel(d, 'Request Rate (req/s)').targets as Json[])[0] as Json;
    t.expr =
      'sum without (method, status, job, instance) (rate(flask_http_request_duration_seconds_count[5m]))';
    expect(grade('exercise-2/B/2', d)).toMatchObject({
      outcome: 'unchecked',
      message: expect.stringContaining("the request rate query: can't tell yet"),
    });
    t.expr = 'sum(irate(flask_http_request_duration_seconds_count[5m])) by (path)';
    expect(grade('exercise-2/B/2', d)).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('irate'),
    });
    // A structural mistake still fails while the query cannot be told.
    t.expr =
      'sum without (method, status, job, instance) (rate(flask_http_request_duration_seconds_count[5m]))';
    panel(d, 'Request Rate (req/s)').fieldConfig.defaults.unit = 'rps';
    expect(grade('exercise-2/B/2', d)).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('unit'),
    });
  });
});
