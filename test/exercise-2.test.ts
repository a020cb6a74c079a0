import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrafanaStandIn, startGrafanaStandIn } from './grafana-stand-in/index.js';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// The author self-test, end to end: the real Prometheus (native backend) and the Grafana API
// stand-in (no Grafana binary can be had here). The CLI talks to it exactly as to a real Grafana.
interface CheckDoc {
  id: string;
  status: string;
  message: string;
  hint?: string;
}

describe('workshop check exercise-2 / solve exercise-2', () => {
  let env: Record<string, string>;
  let grafana: GrafanaStandIn;
  const check = async () => {
    const r = await runCli(['check', 'exercise-2', '--json'], { env });
    return {
      exitCode: r.exitCode,
      checks: JSON.parse(r.stdout).exercises[0].checks as CheckDoc[],
      stderr: r.stderr,
    };
  };

  beforeAll(async () => {
    env = await isolatedStackEnv();
    grafana = await startGrafanaStandIn({ adminPassword: 'foobar' });
    env.WORKSHOP_GRAFANA_URL = grafana.url;
    const up = await runCli(['up', '--backend', 'native'], { env, timeoutMs: 90_000 });
    expect(up.exitCode, up.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await runCli(['down', '--volumes'], { env });
    await grafana?.close();
  });

  it('fails every check with its hint on an empty Grafana, passes them all after solve, and fails again after --undo', async () => {
    const empty = await check();
    expect(empty.exitCode).toBe(1);
    expect(empty.checks.filter((c) => c.status !== 'fail')).toEqual([]);
    expect(empty.checks.every((c) => typeof c.hint === 'string' && c.hint.length > 0)).toBe(true);

    const solved = await runCli(['solve', 'exercise-2'], { env });
    expect(solved.exitCode, solved.stderr).toBe(0);
    expect(solved.stdout).toContain('data source Prometheus: created');
    const after = await check();
    expect(
      after.checks.filter((c) => c.status !== 'pass'),
      JSON.stringify(after.checks, null, 2),
    ).toEqual([]);
    expect(after.exitCode).toBe(0);

    // Idempotent: a second solve changes nothing that the checks see.
    expect((await runCli(['solve', 'exercise-2'], { env })).exitCode).toBe(0);
    expect((await check()).exitCode).toBe(0);

    const undone = await runCli(['solve', 'exercise-2', '--undo'], { env });
    expect(undone.exitCode).toBe(0);
    expect(grafana.state.dataSources).toEqual([]);
    expect(grafana.state.alertRules).toEqual([]);
    const again = await check();
    expect(again.checks.filter((c) => c.status !== 'fail')).toEqual([]);
  }, 90_000);

  it('compares queries as PromQL: a learner writing `sum by (path) (...)` still passes', async () => {
    expect((await runCli(['solve', 'exercise-2'], { env })).exitCode).toBe(0);
    const saved = grafana.state.dashboards.find((d) => d.title === 'Golden Signals Workshop');
    const model = structuredClone(saved?.data) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const panel = model.panels.find((p) => p.title === 'Request Rate (req/s)');
    if (!panel?.targets[0]) throw new Error('the solution dashboard has no Request Rate panel');
    panel.targets[0].expr = 'sum by (path) (rate(flask_http_request_duration_seconds_count[300s]))';
    grafana.state.addDashboard(model, saved?.folderUid);
    const r = await check();
    expect(r.checks.find((c) => c.id === 'exercise-2/B/2')).toMatchObject({ status: 'pass' });
    await runCli(['solve', 'exercise-2', '--undo'], { env });
  }, 60_000);

  it('stops at once on a wrong password, says so, and never retries (Grafana locks users out)', async () => {
    const r = await runCli(['check', 'exercise-2', '--json', '--grafana-password', 'wrong'], { env });
    expect(r.exitCode).toBe(3);
    const checks = JSON.parse(r.stdout).exercises[0].checks as CheckDoc[];
    expect(
      checks.every((c) => c.status === 'error' && c.message.startsWith('wrong Grafana user or password')),
    ).toBe(true);
    expect(r.stdout + r.stderr).not.toContain('wrong"');
    expect(grafana.state.failedLogins('admin')).toBe(1);
  });
});
