import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../cli/http/fetch-json.js';
import { goldenSignalsV2 } from './fixtures/grafana/v2/golden-signals-v2beta1.js';
import type { GrafanaVersion } from './grafana-stand-in/behaviour.js';
import { type GrafanaStandIn, startGrafanaStandIn } from './grafana-stand-in/index.js';
import { type GradingPrometheus, startGradingPrometheus } from './helpers/grading-prometheus.js';
import { runInProcess } from './helpers/in-process.js';
import { type RunningPrometheus, startPrometheus } from './helpers/prometheus-process.js';

// Exercise 2 graded against Grafana as each version really behaves (the stand-in's 11.4, 12.2 and
// 13.0 behaviours), with dashboards saved the way the learner's UI saves them. A real Prometheus
// is the learner's; the grading Prometheus (the shipped dataset) decides whether queries are right.
const versions: GrafanaVersion[] = ['11.4', '12.2', '13.0'];
const solution = readFileSync(
  new URL('../exercises/exercise-2/solution/dashboard.json', import.meta.url),
  'utf8',
);
const dsUid = 'workshop-prometheus';
const learnerDashboard = (): Record<string, unknown> =>
  JSON.parse(solution.replaceAll('__PROMETHEUS_UID__', dsUid));

interface CheckDoc {
  id: string;
  status: string;
  message: string;
  hint?: string;
}

let prometheus: RunningPrometheus;
let grading: GradingPrometheus;
let grafana: GrafanaStandIn | undefined;
beforeAll(async () => {
  [prometheus, grading] = await Promise.all([startPrometheus(), startGradingPrometheus()]);
}, 60_000);
afterAll(() => Promise.all([prometheus?.stop(), grading?.stop()]));
afterEach(async () => {
  await grafana?.close();
  grafana = undefined;
});

async function withGrafana(version: GrafanaVersion, opts: Parameters<typeof startGrafanaStandIn>[0] = {}) {
  grafana = await startGrafanaStandIn({ adminPassword: 'foobar', version, ...opts });
  return grafana;
}

/** `workshop solve exercise-2`: data source, folder, dashboard and alert rule through the API. */
async function solve(g: GrafanaStandIn) {
  const r = await runInProcess(
    [
      'solve',
      'exercise-2',
      '--backend',
      'native',
      '--grafana-url',
      g.url,
      '--prometheus-url',
      prometheus.url,
    ],
    {
      http: httpRequest,
    },
  );
  expect(r.exitCode, r.stderr).toBe(0);
}

async function check(g: GrafanaStandIn, opts: { grading: boolean } = { grading: true }) {
  const r = await runInProcess(
    [
      'check',
      'exercise-2',
      '--json',
      '--grafana-url',
      g.url,
      '--prometheus-url',
      prometheus.url,
      ...(opts.grading ? ['--grading-url', grading.url] : []),
    ],
    {
      http: httpRequest,
    },
  );
  const ex = JSON.parse(r.stdout).exercises[0];
  return {
    r,
    ex,
    checks: ex.checks as CheckDoc[],
    byId: Object.fromEntries((ex.checks as CheckDoc[]).map((c) => [c.id, c])),
  };
}
const verdicts = (checks: CheckDoc[]) => checks.map((c) => `${c.id} ${c.status}`);

describe('Exercise 2 on Grafana 11.4, 12.2 and 13.0', () => {
  it.each(versions)("%s: the learner's dashboard saved in the UI passes all 11 checks", async (version) => {
    const g = await withGrafana(version);
    await solve(g);
    g.state.saveFromUi(learnerDashboard(), { updateTimeRange: true, updateRefresh: true });
    const stored = g.state.dashboards[0];
    expect(Boolean(stored?.v2), 'Grafana 13 stores what its UI saves as v2').toBe(version === '13.0');
    const { checks, r } = await check(g);
    expect(
      checks.filter((c) => c.status !== 'pass'),
      JSON.stringify(checks, null, 2),
    ).toEqual([]);
    expect(checks).toHaveLength(11);
    expect(r.exitCode).toBe(0);
  });

  it("13.0: the CLI's v2 reader inverts the stand-in's v1 → v2 conversion: a dashboard saved from the UI and stored as v2 gets exactly its 11.4 verdicts", async () => {
    const v1 = await withGrafana('11.4');
    await solve(v1);
    v1.state.saveFromUi(learnerDashboard(), { updateTimeRange: true, updateRefresh: true });
    const asV1 = verdicts((await check(v1)).checks);
    await v1.close();
    grafana = undefined;
    for (const failConversions of [false, true]) {
      const v2 = await withGrafana('13.0');
      // Where Grafana cannot convert v2 to the classic form, the CLI reads v2 itself.
      v2.state.failConversions = failConversions;
      await solve(v2);
      v2.state.saveFromUi(learnerDashboard(), { updateTimeRange: true, updateRefresh: true });
      expect(verdicts((await check(v2)).checks), `failConversions ${failConversions}`).toEqual(asV1);
      await v2.close();
      grafana = undefined;
    }
  });

  it('13.0: the classic read answers 406 with the recorded shape, and a v2 dashboard written from the schema is read natively', async () => {
    const g = await withGrafana('13.0');
    await solve(g);
    g.state.failConversions = true;
    const fixture = JSON.parse(
      readFileSync(new URL('./fixtures/grafana/v2/406-reply.json', import.meta.url), 'utf8'),
    );
    const { saveDashboardV2 } = await import('./grafana-stand-in/store/dashboards.js');
    saveDashboardV2(g.state.db, {
      uid: 'golden-signals-workshop',
      spec: goldenSignalsV2(dsUid) as never,
      folderUid: 'workshop',
    });
    const classic = await fetch(`${g.url}/api/dashboards/uid/golden-signals-workshop`, {
      headers: { authorization: `Basic ${Buffer.from('admin:foobar').toString('base64')}` },
    });
    expect({ status: classic.status, body: await classic.json() }).toEqual({
      status: fixture.status,
      body: fixture.body,
    });
    const { checks } = await check(g);
    expect(
      checks.filter((c) => c.status !== 'pass'),
      JSON.stringify(checks, null, 2),
    ).toEqual([]);
  });

  it.each(versions)(
    '%s: saving without "Update default time range" keeps the old range, and G/8 says which boxes to tick',
    async (version) => {
      const g = await withGrafana(version);
      await solve(g);
      // The learner's first save stored the defaults; then they set 15 minutes and 5 s and saved again.
      g.state.saveFromUi(
        { ...learnerDashboard(), time: { from: 'now-6h', to: 'now' }, refresh: '' },
        { updateTimeRange: true, updateRefresh: true },
      );
      g.state.saveFromUi(learnerDashboard());
      const { byId } = await check(g);
      expect(byId['exercise-2/G/8']).toMatchObject({
        status: 'fail',
        hint: expect.stringContaining('Update default time range'),
      });
      expect(byId['exercise-2/G/8']?.hint).toContain('Update default refresh value');
      g.state.saveFromUi(learnerDashboard(), { updateTimeRange: true, updateRefresh: true });
      expect((await check(g)).byId['exercise-2/G/8']?.status).toBe('pass');
    },
  );

  it.each(versions)(
    '%s: a library panel is graded from the library, not from its empty reference',
    async (version) => {
      const g = await withGrafana(version);
      await solve(g);
      const dashboard = learnerDashboard();
      const panels = dashboard.panels as Record<string, unknown>[];
      const [rate] = panels;
      const library = g.state.addLibraryPanel({
        uid: 'lib-rate',
        name: 'Request rate',
        model: rate as Record<string, unknown>,
      });
      panels[0] = { ...rate, libraryPanel: { uid: library.uid, name: library.name } };
      g.state.saveFromUi(dashboard, { updateTimeRange: true, updateRefresh: true });
      expect(JSON.stringify(g.state.dashboards[0]?.v2 ?? g.state.dashboards[0]?.data)).not.toContain(
        'flask_http_request_duration_seconds_count[5m])) by (path)',
      );
      expect((await check(g)).byId['exercise-2/B/2']?.status).toBe('pass');
    },
  );

  it('a rule group named with "/" (404 on its own path) still has its interval read, from the rule\'s export', async () => {
    const g = await withGrafana('12.2');
    await solve(g);
    const rule = g.state.alertRules[0];
    if (!rule) throw new Error('solve made no rule');
    rule.ruleGroup = 'golden/signals';
    g.state.setRuleGroupInterval(rule.folderUID, 'golden/signals', 60);
    const group = await fetch(
      `${g.url}/api/v1/provisioning/folder/${rule.folderUID}/rule-groups/golden%2Fsignals`,
      {
        headers: { authorization: `Basic ${Buffer.from('admin:foobar').toString('base64')}` },
      },
    );
    expect(group.status).toBe(404);
    expect((await check(g)).byId['exercise-2/H/10']).toMatchObject({ status: 'pass' });
  });

  it("compose: Grafana's health check runs from its container, where localhost is Grafana itself", async () => {
    const g = await withGrafana('12.2', {
      network: { kind: 'compose', services: { prometheus: prometheus.url } },
    });
    g.state.addDataSource({
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: 'http://prometheus:9090',
      uid: dsUid,
      isDefault: true,
    });
    expect((await check(g)).byId['exercise-2/A/3']?.status).toBe('pass');
    g.state.reset();
    g.state.addDataSource({
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: 'http://localhost:9090',
      uid: dsUid,
      isDefault: true,
    });
    expect((await check(g)).byId['exercise-2/A/3']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('connection refused'),
    });
  });

  it('one read that fails fails only the checks that need it', async () => {
    const g = await withGrafana('13.0');
    await solve(g);
    g.state.saveFromUi(learnerDashboard(), { updateTimeRange: true, updateRefresh: true });
    g.state.failConversions = true;
    // A v2 spec the CLI cannot read: the dashboard checks are errors, the data source and alert are not.
    const stored = g.state.dashboards[0];
    if (stored?.v2) stored.v2 = { title: 'Golden Signals Workshop', elements: 'broken' };
    const { byId, r } = await check(g);
    expect(byId['exercise-2/B/2']?.status).toBe('error');
    expect(byId['exercise-2/A/1']?.status).toBe('pass');
    expect(byId['exercise-2/H/10']?.status).toBe('pass');
    expect(r.exitCode).toBe(3);
  });

  it.each(versions)(
    '%s: queries written another way pass where the grading Prometheus says they are the same, and are unchecked (never passed) without it',
    async (version) => {
      const g = await withGrafana(version);
      await solve(g);
      const dashboard = learnerDashboard();
      const errors = (dashboard.panels as { title: string; targets: { expr: string }[] }[]).find(
        (p) => p.title === 'Error Rate %',
      );
      if (!errors?.targets[0]) throw new Error('the solution has no Error Rate panel');
      errors.targets[0].expr =
        '100 * sum(rate(flask_http_request_duration_seconds_count{status=~"[45].."}[5m])) / sum(rate(flask_http_request_duration_seconds_count[5m]))';
      g.state.saveFromUi(dashboard, { updateTimeRange: true, updateRefresh: true });
      const rule = g.state.alertRules[0];
      const query = rule?.data.find((d) => d.refId === 'A');
      if (!query) throw new Error('solve made no rule');
      query.model.expr = errors.targets[0].expr.replace('[5m]', '[$__rate_interval]');
      expect((await check(g)).byId['exercise-2/D/4']?.status).toBe('pass');
      expect((await check(g)).byId['exercise-2/H/10']?.status).toBe('pass');
      const without = (await check(g, { grading: false })).byId;
      for (const id of ['exercise-2/D/4', 'exercise-2/H/10'])
        expect(without[id], id).toMatchObject({
          status: 'unchecked',
          message: expect.stringContaining("can't tell yet"),
        });
      // The exercise's own queries are the same syntax tree: they pass without grading data.
      expect(without['exercise-2/B/2']?.status).toBe('pass');
      // A close mistake fails: 4xx only.
      errors.targets[0].expr = errors.targets[0].expr.replace('[45]..', '4..');
      g.state.saveFromUi(dashboard, { updateTimeRange: true, updateRefresh: true });
      expect((await check(g)).byId['exercise-2/D/4']).toMatchObject({
        status: 'fail',
        message: expect.stringContaining('answers differently'),
      });
    },
  );
});
