import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrafanaStandIn, startGrafanaStandIn } from './grafana-stand-in/index.js';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// smoke's and preflight's Grafana phases, with a Grafana named by URL (the API stand-in) beside
// the native stack: exercise 2 is graded against the reference solution, and Grafana is left clean.
describe('smoke and preflight with a Grafana', () => {
  let grafana: GrafanaStandIn;
  beforeAll(async () => {
    grafana = await startGrafanaStandIn({ adminPassword: 'foobar' });
  });
  afterAll(async () => {
    await grafana?.close();
  });

  it('smoke solves, grades and undoes exercise 2', async () => {
    const env = { ...(await isolatedStackEnv()), WORKSHOP_GRAFANA_URL: grafana.url };
    const r = await runCli(['smoke', '--backend', 'native', '--json', '--seed', '2'], {
      env,
      timeoutMs: 120_000,
    });
    const doc = JSON.parse(r.stdout);
    const ex2 = doc.exercises.find((e: { id: string }) => e.id === 'exercise-2');
    expect(
      ex2.checks.filter((c: { status: string }) => c.status !== 'pass'),
      JSON.stringify(ex2.checks, null, 2),
    ).toEqual([]);
    expect(doc.phases.map((p: { name: string; outcome: string }) => `${p.name}:${p.outcome}`)).toEqual([
      'up:ok',
      'traffic:ok',
      'solve:ok',
      'checks:ok',
      'undo:ok',
      'down:ok',
    ]);
    expect(r.exitCode).toBe(0);
    expect(grafana.state.dashboards).toEqual([]);
    expect(grafana.state.dataSources).toEqual([]);
  }, 130_000);

  it('preflight --self-test proves the exercise 2 checks: fail on a clean Grafana, pass after solve, undone', async () => {
    const env = { ...(await isolatedStackEnv()), WORKSHOP_GRAFANA_URL: grafana.url };
    const r = await runCli(['preflight', '--backend', 'native', '--self-test', '--json'], {
      env,
      timeoutMs: 120_000,
    });
    const doc = JSON.parse(r.stdout);
    const self = doc.items.find((i: { name: string }) => i.name.startsWith('exercise-2 self-test'));
    expect(self, JSON.stringify(doc.items, null, 2)).toMatchObject({
      ok: true,
      detail: expect.stringContaining('every check failed on the clean Grafana and passed after solve'),
    });
    expect(doc.ready).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(grafana.state.alertRules).toEqual([]);
  }, 130_000);
});
