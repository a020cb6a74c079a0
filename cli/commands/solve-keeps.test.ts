import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GrafanaStandIn, startGrafanaStandIn } from '../../test/grafana-stand-in/index.js';
import { call } from '../../test/grafana-stand-in/test-client.js';
import { runInProcess, testContext } from '../../test/helpers/in-process.js';
import { httpRequest } from '../http/fetch-json.js';

// A learner saved their own "Prometheus" data source, "Golden Signals Workshop" dashboard and
// "High Error Rate" alert rule. solve must never lose them: it refuses without --force, and with
// it keeps each exactly as Grafana returned it, for --undo to put back.
const admin = { user: 'admin', password: 'foobar' };
const learnerDashboard = {
  uid: 'my-golden',
  title: 'Golden Signals Workshop',
  panels: [
    {
      id: 1,
      type: 'timeseries',
      title: 'My request rate',
      targets: [{ refId: 'A', expr: 'sum(rate(flask_http_request_total[5m]))' }],
    },
  ],
  time: { from: 'now-30m', to: 'now' },
  refresh: '10s',
  schemaVersion: 39,
};

async function learnersGrafana(g: GrafanaStandIn) {
  const api = (method: string, p: string, body?: unknown) =>
    call(g.url, method, p, { auth: admin, ...(body ? { body } : {}) });
  expect(
    (
      await api('POST', '/api/datasources', {
        name: 'Prometheus',
        uid: 'learners-prom',
        type: 'prometheus',
        url: 'http://localhost:9090',
        access: 'proxy',
        jsonData: { timeInterval: '5s' },
      })
    ).status,
  ).toBe(200);
  await api('POST', '/api/folders', { uid: 'mine', title: 'Mine' });
  expect(
    (await api('POST', '/api/dashboards/db', { dashboard: learnerDashboard, folderUid: 'mine' })).status,
  ).toBe(200);
  const rule = {
    uid: 'my-rule',
    title: 'High Error Rate',
    folderUID: 'mine',
    ruleGroup: 'my-alerts',
    condition: 'A',
    for: '1m',
    noDataState: 'NoData',
    execErrState: 'Error',
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: 'learners-prom',
        model: { refId: 'A', expr: 'vector(1) > 0', instant: true },
      },
    ],
  };
  expect((await api('POST', '/api/v1/provisioning/alert-rules', rule)).status).toBe(201);
  await api('PUT', '/api/v1/provisioning/folder/mine/rule-groups/my-alerts', {
    title: 'my-alerts',
    folderUid: 'mine',
    interval: 60,
    rules: [rule],
  });
  const paths = [
    '/api/datasources/uid/learners-prom',
    '/api/dashboards/uid/my-golden',
    '/api/v1/provisioning/folder/mine/rule-groups/my-alerts',
  ];
  const read = async () => Promise.all(paths.map(async (p) => (await api('GET', p)).text));
  return { read, api };
}

/** What Grafana bumps on every save; everything else must be back as it was. */
const withoutVersions = (text: string) =>
  JSON.parse(text, (key, value) => (key === 'version' || key === 'updated' ? undefined : value));

describe('solve exercise-2 on a Grafana where the learner saved their own work', () => {
  let grafana: GrafanaStandIn | undefined;
  afterEach(() => grafana?.close());

  for (const version of ['11.4', '12.2', '13.0'] as const) {
    it(`refuses without --force, and with it keeps and puts back the learner's objects (Grafana ${version})`, async () => {
      grafana = await startGrafanaStandIn({ adminPassword: 'foobar', version });
      const { read } = await learnersGrafana(grafana);
      const before = await read();
      const ctx = await testContext({ http: httpRequest });
      const argv = ['solve', 'exercise-2', '--backend', 'native', '--grafana-url', grafana.url];
      const run = (more: string[] = []) =>
        runInProcess([...argv, ...more], { env: ctx.env, http: httpRequest });

      const refused = await run();
      expect(refused.exitCode, refused.stderr).toBe(2);
      expect(refused.stderr).toContain('solve would overwrite what it did not make in');
      expect(refused.stderr).toContain(
        'data source "Prometheus", dashboard "Golden Signals Workshop" (uid my-golden), alert rule "High Error Rate" (group my-alerts); nothing was changed',
      );
      expect(refused.stderr).toContain('--force');
      expect(await read()).toEqual(before);

      const forced = await run(['--force']);
      expect(forced.exitCode, forced.stderr).toBe(0);
      expect(forced.stdout).toContain('dashboard Golden Signals Workshop: overwritten');
      const solved = await read();
      expect(withoutVersions(solved[1] as string)).not.toEqual(withoutVersions(before[1] as string));
      // The copies are Grafana's answers, byte for byte.
      const kept = JSON.parse(
        await readFile(path.join(ctx.env.WORKSHOP_STATE_DIR as string, 'solve-exercise-2.json'), 'utf8'),
      );
      expect([
        kept.replaced.dataSource.json,
        kept.replaced.dashboard.json,
        kept.replaced.ruleGroup.json,
      ]).toEqual(before);
      // Solving again is idempotent: what it replaced is its own now.
      expect((await run()).exitCode).toBe(0);

      const undone = await run(['--undo']);
      expect(undone.exitCode, undone.stderr).toBe(0);
      expect(undone.stdout).toContain('dashboard Golden Signals Workshop: put back as it was');
      expect((await read()).map(withoutVersions)).toEqual(before.map(withoutVersions));
      expect(grafana.state.dashboards.map((d) => d.uid)).toEqual(['my-golden']);
    });
  }

  it('refuses even with --force what it cannot keep a copy of (a v2 dashboard on Grafana 13), changing nothing', async () => {
    grafana = await startGrafanaStandIn({ adminPassword: 'foobar', version: '13.0' });
    grafana.state.saveFromUi(learnerDashboard);
    const before = JSON.stringify(grafana.state.dashboards);
    const r = await runInProcess(
      ['solve', 'exercise-2', '--backend', 'native', '--grafana-url', grafana.url, '--force'],
      { http: httpRequest },
    );
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stderr).toContain('cannot keep a copy of dashboard "Golden Signals Workshop"');
    expect(r.stderr).toContain('nothing was changed');
    expect(JSON.stringify(grafana.state.dashboards)).toBe(before);
    expect(grafana.state.dataSources).toEqual([]);
  });
});
