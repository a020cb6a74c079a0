import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrafanaStandIn, startGrafanaStandIn } from '../../test/grafana-stand-in/index.js';
import { runInProcess, testContext } from '../../test/helpers/in-process.js';
import { httpRequest } from '../http/fetch-json.js';
import { runMain } from '../run-main.js';
import { writeLedger } from '../traffic/ledger.js';

describe('workshop ledger (in process)', () => {
  it('says there is no run yet (exit 0), then shows the latest run', async () => {
    const ctx = await testContext();
    expect(await runMain(['ledger'], ctx)).toBe(0);
    expect(ctx.out()).toContain('No traffic run is recorded in');
    await writeLedger(ctx.env.WORKSHOP_STATE_DIR as string, {
      version: 2,
      webapp: { startTimeSeconds: 1 },
      mode: 'errors',
      seed: 3,
      timeScale: 0.1,
      baseUrl: 'http://127.0.0.1:3001',
      startedAt: '2026-12-02T10:00:00.000Z',
      endedAt: '2026-12-02T10:00:02.000Z',
      interrupted: false,
      requests: [{ method: 'GET', path: '/nonexistent', status: 404, count: 15 }],
      delaysSent: [],
    });
    const again = await runInProcess(['ledger', '--json'], { env: ctx.env });
    expect(JSON.parse(again.stdout)).toMatchObject({
      mode: 'errors',
      requests: [{ path: '/nonexistent', count: 15 }],
    });
  });
});

describe('workshop solve (in process, against the Grafana stand-in)', () => {
  let grafana: GrafanaStandIn;
  beforeAll(async () => {
    grafana = await startGrafanaStandIn({ adminPassword: 'foobar' });
  });
  afterAll(() => grafana?.close());

  it('refuses exercise-1 and unknown exercises as usage errors', async () => {
    const one = await runInProcess(['solve', 'exercise-1']);
    expect(one.exitCode).toBe(2);
    expect(one.stderr).toContain('there is no reference solution to apply for exercise-1');
    const unknown = await runInProcess(['solve', 'exercise-9']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown exercise exercise-9');
  });

  it('applies the reference solution, and --undo removes exactly that', async () => {
    const ctx = await testContext({ http: httpRequest });
    const argv = ['solve', 'exercise-2', '--backend', 'native', '--grafana-url', grafana.url];
    expect(await runMain(argv, ctx)).toBe(0);
    expect(ctx.out()).toContain('dashboard Golden Signals Workshop: created');
    expect(grafana.state.dashboards).toHaveLength(1);
    const undo = await runInProcess([...argv, '--undo'], { env: ctx.env, http: httpRequest });
    expect(undo.exitCode).toBe(0);
    expect(grafana.state.dashboards).toEqual([]);
    expect(grafana.state.dataSources).toEqual([]);
  });

  it('a wrong password is exit 3 with what to pass, and is tried once', async () => {
    const r = await runInProcess(
      ['solve', 'exercise-2', '--grafana-url', grafana.url, '--grafana-password', 'nope'],
      { http: httpRequest },
    );
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('wrong Grafana user or password');
    expect(r.stderr).toContain('--grafana-password');
  });
});
