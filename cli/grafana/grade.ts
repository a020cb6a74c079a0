import type { Exercise2CheckId, Exercise2PanelCheckId } from '../../exercises/exercise-2/exercise.js';
import type { ExpectedPanel, GrafanaExercise } from '../../exercises/schema.js';
import { selectorsOf } from '../checks/promql-syntax.js';
import { fail as failWith, pass, type Verdict } from '../checks/verdict.js';
import { durationSeconds } from '../duration.js';
import { judgeQuery } from '../grading/judge-query.js';
import { alertCondition } from './alert-condition.js';
import { isColor } from './colors.js';
import {
  allPanels,
  normalizeLegend,
  type Panel,
  resolveDataSource,
  targetsOf,
  thresholdSteps,
  thresholdsStyle,
  unitOf,
} from './dashboard-model.js';
import { type GrafanaSnapshot, withoutGrafanaVariables } from './snapshot.js';

export interface GradeEnv {
  backend: 'compose' | 'native' | 'unknown';
  /** The Prometheus URL this machine uses (the native data source URL). */
  prometheusUrl: string;
}

export type Grader = (snap: GrafanaSnapshot, def: GrafanaExercise, env: GradeEnv) => Verdict;
const fail = (message: string, expected?: unknown, actual?: unknown, hint?: string) =>
  failWith(message, { expected, actual, hint });
/** A failure because the thing is not there yet: on the class board, "not attempted". */
const absent = (message: string, expected?: unknown, actual?: unknown) =>
  failWith(message, { expected, actual, absent: true });

const normalizeUrl = (u: string) => {
  try {
    const url = new URL(u.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return u.trim().toLowerCase();
  }
};

/** Both loopback spellings of the local Prometheus URL. */
function localUrls(prometheusUrl: string): string[] {
  const u = new URL(prometheusUrl);
  return ['127.0.0.1', 'localhost'].map((h) => normalizeUrl(`${u.protocol}//${h}:${u.port || 80}`));
}

/** The checks of exercise 2 that are not panels, by id: each a pure function of the snapshot. */
export const graders: Record<Exclude<Exercise2CheckId, Exercise2PanelCheckId>, Grader> = {
  'exercise-2/A/1': (snap, def) => {
    if (snap.dataSource?.type === def.dataSource.type) return pass(`uid ${snap.dataSource.uid}`);
    if (snap.dataSource)
      return fail(
        `the data source "${def.dataSource.name}" has type ${snap.dataSource.type}`,
        def.dataSource.type,
        snap.dataSource.type,
      );
    const near = snap.dataSources.filter(
      (d) =>
        d.name.trim().toLowerCase() === def.dataSource.name.toLowerCase() || d.type === def.dataSource.type,
    );
    return absent(
      `no data source named exactly "${def.dataSource.name}"`,
      def.dataSource.name,
      near.length ? near.map((d) => `${d.name} (${d.type})`) : 'none',
    );
  },

  'exercise-2/A/2': (snap, def, env) => {
    const ds = snap.dataSource;
    if (!ds) return absent(`no data source named "${def.dataSource.name}"`);
    const url = normalizeUrl(ds.url);
    const compose = normalizeUrl(def.dataSource.composeUrl);
    const allowed =
      env.backend === 'compose'
        ? [compose]
        : env.backend === 'native'
          ? localUrls(env.prometheusUrl)
          : [compose, ...localUrls(env.prometheusUrl)];
    if (!allowed.includes(url)) {
      const badGateway =
        env.backend === 'compose' && /localhost|127\.0\.0\.1/.test(url)
          ? ': inside Docker, localhost is Grafana\'s own container ("HTTP Error Bad Gateway"); use the service name'
          : '';
      return fail(`the URL is ${ds.url}${badGateway}`, allowed.join(' or '), ds.url);
    }
    if (ds.access !== 'proxy')
      return fail(`access is "${ds.access}": Prometheus needs Server (proxy) access`, 'proxy', ds.access);
    const interval = typeof ds.jsonData.timeInterval === 'string' ? ds.jsonData.timeInterval : undefined;
    // The scrape interval is a soft check: it tunes $__interval, it does not break anything.
    return pass(
      interval === def.dataSource.scrapeInterval
        ? undefined
        : `note: scrape interval is ${interval ?? 'unset'}, the text says ${def.dataSource.scrapeInterval}`,
    );
  },

  'exercise-2/A/3': (snap) => {
    if (!snap.health) return absent('no data source to test');
    return snap.health.status === 'OK'
      ? pass(snap.health.message)
      : fail(`Save & test fails: ${snap.health.message}`, 'OK', snap.health.status);
  },

  'exercise-2/B/1': (snap, def) => {
    if (snap.dashboard) return pass();
    const near = snap.hits.map((h) => h.title);
    return absent(
      `no dashboard titled exactly "${def.dashboard.title}"`,
      def.dashboard.title,
      near.length ? near : 'none',
    );
  },

  'exercise-2/G/7': (snap, def) => {
    if (!snap.dashboard) return absent('no dashboard');
    const got = typeof snap.dashboard.description === 'string' ? snap.dashboard.description.trim() : '';
    return got === def.dashboard.description
      ? pass()
      : fail('the description differs', def.dashboard.description, got || '(none)');
  },

  'exercise-2/G/8': (snap, def) => {
    if (!snap.dashboard) return absent('no dashboard');
    const time = (snap.dashboard.time ?? {}) as { from?: unknown; to?: unknown };
    const refresh = snap.dashboard.refresh;
    const want = `${def.dashboard.from} to ${def.dashboard.to}, refresh ${def.dashboard.refresh}`;
    const got = `${String(time.from)} to ${String(time.to)}, refresh ${refresh === '' || refresh === undefined ? 'off' : String(refresh)}`;
    return time.from === def.dashboard.from &&
      time.to === def.dashboard.to &&
      refresh === def.dashboard.refresh
      ? pass()
      : fail('the saved time range or refresh differs (set them, then save the dashboard)', want, got);
  },

  'exercise-2/H/10': (snap, def) => {
    const rule = snap.alertRules.find((r) => r.title.trim() === def.alert.title);
    if (!rule)
      return absent(
        `no alert rule titled "${def.alert.title}"`,
        def.alert.title,
        snap.alertRules.map((r) => r.title),
      );
    const cond = alertCondition(rule);
    const c = cond.comparison;
    const said = c ? `${comparisonWords[c.type] ?? c.type} ${c.value ?? '?'}` : 'no threshold';
    if (c?.type !== 'gt' || c.value !== def.alert.above)
      return fail(
        `the condition is ${said}, not "IS ABOVE ${def.alert.above}"`,
        `IS ABOVE ${def.alert.above}`,
        said,
      );
    const counting = cond.reducers.find((r) => ['count', 'sum'].includes(r.toLowerCase()));
    if (counting)
      return fail(
        `the Reduce expression is "${counting}": it adds up points, it is not the error rate (choose Last)`,
        'last',
        counting,
      );
    const expr = cond.query?.model.expr;
    if (!cond.query || typeof expr !== 'string')
      return fail('the condition is not computed from a PromQL query', def.alert.query, 'no PromQL query');
    if (snap.dataSource && cond.query.datasourceUid !== snap.dataSource.uid)
      return fail(
        "the rule's query does not use the Prometheus data source",
        snap.dataSource.name,
        cond.query.datasourceUid,
      );
    const query = judgeQuery([def.alert.query], withoutGrafanaVariables(expr), snap.answers);
    if (query.outcome === 'fail')
      return fail(
        `the rule's query is not the error rate: ${query.message}`,
        def.alert.query,
        expr,
        query.hint,
      );
    const pending = typeof rule.for === 'number' ? rule.for / 1e9 : durationSeconds(String(rule.for ?? '0s'));
    if (pending !== durationSeconds(def.alert.for))
      return fail('the pending period differs', def.alert.for, rule.for ?? '0s');
    if (snap.ruleGroupInterval !== def.alert.intervalSeconds) {
      return fail(
        `the rule group "${rule.ruleGroup}" is evaluated every ${snap.ruleGroupInterval ?? '?'} s`,
        `${def.alert.intervalSeconds} s (1m)`,
        snap.ruleGroupInterval,
      );
    }
    if (query.outcome === 'unchecked') return { ...query, message: `the rule's query: ${query.message}` };
    const other = cond.reducers.find((r) => r.toLowerCase() !== 'last');
    return pass(other ? `note: the Reduce is "${other}" where Grafana's default is Last` : undefined);
  },
};

/** Grafana's evaluator types as its UI says them. */
const comparisonWords: Record<string, string> = {
  gt: 'IS ABOVE',
  lt: 'IS BELOW',
  gte: 'IS ABOVE OR EQUAL TO',
  lte: 'IS BELOW OR EQUAL TO',
  eq: 'IS EQUAL TO',
  ne: 'IS NOT EQUAL TO',
  within_range: 'IS WITHIN RANGE',
  outside_range: 'IS OUTSIDE RANGE',
};

/** The panel checks (B/2, C/3, D/4, F/6) share one grader, driven by the expected panel. */
export function gradePanel(expected: ExpectedPanel, snap: GrafanaSnapshot): Verdict {
  if (!snap.dashboard) return absent('no dashboard');
  const panels = allPanels(snap.dashboard);
  const panel = panels.find((p) => p.title === expected.title);
  if (!panel) {
    const near = panels.filter(
      (p) => p.title.toLowerCase().replace(/\s+/g, ' ') === expected.title.toLowerCase(),
    );
    const why = near.length
      ? `the title differs: "${near[0]?.title}"`
      : `no panel titled "${expected.title}"`;
    return (near.length ? fail : absent)(
      why,
      expected.title,
      panels.map((p) => p.title),
    );
  }
  const notes: string[] = [];
  if (!expected.types.includes(panel.type)) {
    if (panel.type === 'graph' && expected.types.includes('timeseries'))
      notes.push('a legacy Graph panel (Grafana 11+ shows it as Time series)');
    else return fail(`the visualization is ${panel.type}`, expected.types.join(' or '), panel.type);
  }
  const targets = targetsOf(panel);
  let open: Verdict | undefined;
  for (const t of expected.targets) {
    const judged = targets.map((x) => ({
      x,
      v: judgeQuery(t.queries, withoutGrafanaVariables(x.expr), snap.answers),
    }));
    const hit = judged.find((j) => j.v.outcome === 'pass') ?? closestTarget(t, judged);
    if (!hit)
      return fail(
        `no query reads what the ${t.name} query reads`,
        t.queries[0],
        targets.map((x) => x.expr),
      );
    if (hit.v.outcome === 'fail')
      return fail(`the ${t.name} query: ${hit.v.message}`, t.queries[0], hit.x.expr, hit.v.hint);
    if (hit.v.outcome === 'unchecked')
      open ??= { ...hit.v, message: `the ${t.name} query: ${hit.v.message}` };
    if (t.legend !== undefined && normalizeLegend(hit.x.legendFormat) !== t.legend) {
      return fail(`the ${t.name} query's legend differs`, t.legend, hit.x.legendFormat ?? '(auto)');
    }
    const ds = resolveDataSource(hit.x.datasource, snap.dashboard, snap.dataSources);
    if (ds !== 'prometheus-type' && ds?.uid !== snap.dataSource?.uid) {
      return fail(
        `the ${t.name} query does not use the Prometheus data source`,
        snap.dataSource?.name ?? 'Prometheus',
        ds?.name ?? JSON.stringify(hit.x.datasource ?? null),
      );
    }
  }
  if (expected.unit !== undefined && unitOf(panel) !== expected.unit) {
    return fail(
      `the unit is ${unitOf(panel) ?? 'not set'}: choose "${expected.unitName ?? expected.unit}"`,
      expected.unit,
      unitOf(panel) ?? '(none)',
    );
  }
  const thresholds = gradeThresholds(expected, panel, notes);
  if (thresholds) return thresholds;
  return open ?? pass(notes.join('; ') || undefined);
}

/**
 * The learner's try at a target none of whose queries is right: the one with the target's legend,
 * else one reading the same metrics; none when no query reads them.
 */
function closestTarget<T extends { x: { expr: string; legendFormat?: string | undefined } }>(
  t: ExpectedPanel['targets'][number],
  judged: T[],
): T | undefined {
  const metrics = new Set(t.queries.flatMap((q) => selectorsOf(q).map((s) => s.metric)));
  const reads = (j: T) => selectorsOf(withoutGrafanaVariables(j.x.expr)).some((s) => metrics.has(s.metric));
  const related = judged.filter(reads);
  return (
    related.find((j) => t.legend !== undefined && normalizeLegend(j.x.legendFormat) === t.legend) ??
    related[0]
  );
}

function gradeThresholds(expected: ExpectedPanel, panel: Panel, notes: string[]): Verdict | undefined {
  if (!expected.thresholds) return undefined;
  const steps = thresholdSteps(panel);
  for (const want of expected.thresholds) {
    if (!steps.some((s) => s.value === want.value && isColor(s.color, want.color))) {
      return fail(
        `no ${want.color} threshold at ${want.value}`,
        expected.thresholds.map((t) => `${t.color} ${t.value}`),
        steps.map((s) => `${s.color} ${s.value}`),
      );
    }
  }
  if (panel.type === 'stat') {
    notes.push('Stat panels cannot draw threshold lines, so "As lines (dashed)" does not apply');
  } else if (!['dashed', 'dashed+area'].includes(thresholdsStyle(panel))) {
    return fail(
      'threshold lines are not dashed (Thresholds → Show thresholds: As lines (dashed))',
      'dashed',
      thresholdsStyle(panel),
    );
  }
  return undefined;
}
