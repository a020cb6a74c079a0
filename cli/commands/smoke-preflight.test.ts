import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startGrafanaStandIn } from '../../test/grafana-stand-in/index.js';
import {
  fakeExec,
  fakeHttp,
  fakeProcesses,
  runInProcess,
  testContext,
} from '../../test/helpers/in-process.js';
import { runMain } from '../run-main.js';
import { writeState } from '../stack/state.js';

/** A webapp double that answers everything (the traffic phase talks to it over real HTTP). */
async function answeringApp() {
  const server = http.createServer((req, res) =>
    res.end(req.url === '/metrics' ? 'process_start_time_seconds 1\n' : '{}'),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('workshop smoke (in process)', () => {
  it.each([
    [['--mode', 'nope'], 'unknown traffic mode "nope"'],
    [['--time-scale', '5'], '--time-scale must be a number from 0.001 to 1'],
    [['--seed', 'x'], '--seed must be a whole number'],
    [['--junit', 'no/such/dir/smoke.xml'], 'does not exist'],
    [['--wait', '-1'], "option '--wait <seconds>' argument '-1' is invalid"],
  ])('%j is a usage error before anything starts', async (flags, message) => {
    const procs = fakeProcesses();
    const exec = fakeExec();
    const r = await runInProcess(['smoke', ...flags], { processes: procs.processes, exec: exec.exec });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(procs.started).toEqual([]);
    expect(exec.calls).toEqual([]);
  });

  /** A native stack recorded as up (its one process alive) whose Prometheus has no webapp data. */
  async function upStackWithoutData(extraEnv: Record<string, string> = {}) {
    const app = await answeringApp();
    const procs = fakeProcesses();
    const ctx = await testContext({
      processes: procs.processes,
      exec: fakeExec().exec,
      env: { WORKSHOP_APP_URL: app.url, WORKSHOP_PROMETHEUS_URL: 'http://127.0.0.1:1', ...extraEnv },
    });
    const started = await procs.processes.start({ command: 'webapp', args: [] }, '/dev/null');
    await writeState(ctx.env.WORKSHOP_STATE_DIR as string, {
      backend: 'native',
      startedAt: new Date().toISOString(),
      urls: { webapp: app.url, prometheus: 'http://127.0.0.1:1' },
      processes: { webapp: { ...started, port: 1, log: '/dev/null' } },
      unavailable: { grafana: 'not installed', cadvisor: 'compose only' },
    });
    ctx.http = fakeHttp({
      '127.0.0.1:1/api/v1/targets': { fixture: 'targets.json' },
      '127.0.0.1:1/api/v1/query': { fixture: 'query-empty.json' },
      '127.0.0.1:1/api/v1/series': { fixture: 'series-empty.json' },
      '127.0.0.1:1/api/v1/label/__name__/values': { fixture: 'metric-names-webapp.json' },
      '127.0.0.1:1/api/v1/format_query': { fixture: 'format-query.json' },
    }).http;
    return { ctx, procs, app };
  }

  it("a wrong Grafana password keeps exercise 1's report; the Grafana part says what is wrong, once; exit 3", async () => {
    const grafana = await startGrafanaStandIn({ adminPassword: 'foobar' });
    const { ctx, app } = await upStackWithoutData({ WORKSHOP_GRAFANA_URL: grafana.url });
    try {
      expect(await runMain(['smoke', '--wait', '0', '--grafana-password', 'wrong'], ctx)).toBe(3);
    } finally {
      app.close();
      await grafana.close();
    }
    const out = ctx.out();
    expect(out).toMatch(/^solve\s+[\d.]+\s+failed\s+wrong Grafana user or password/m);
    expect(out).toContain('exercise-1: Golden Signals with PromQL');
    expect(out).toContain('✗ exercise-1/A/3');
    expect(out.split('exercise-2:')[1]?.match(/wrong Grafana user or password/g)).toHaveLength(1);
  });

  it('reports "checks failed" and exits 1 when checks fail, and leaves a stack it did not start running', async () => {
    const { ctx, procs, app } = await upStackWithoutData();
    try {
      expect(await runMain(['smoke', '--backend', 'native', '--wait', '0', '--seed', '1'], ctx)).toBe(1);
    } finally {
      app.close();
    }
    const table = ctx.out();
    expect(table).toMatch(/^up\s+[\d.]+\s+ok\s+the native stack was already up/m);
    expect(table).toMatch(/^traffic\s+[\d.]+\s+ok\s+quick: 50 requests/m);
    expect(table).toMatch(/^checks\s+[\d.]+\s+failed\s+0 passed, \d+ failed/m);
    expect(table).toMatch(/^down\s+0\.0\s+skipped\s+the stack was up before smoke, so it stays up/m);
    expect(procs.alive.size).toBe(1);
  });
});

describe('workshop preflight (in process)', () => {
  const dockerWithComposeV1 = fakeExec((cmd, args) => {
    if (cmd === 'docker' && args[0] === 'info') return { stdout: '20.10.24' };
    if (cmd === 'docker-compose') return { stdout: '1.29.2' };
    return undefined;
  });

  it('with only Compose v1, auto picks the native backend and says why', async () => {
    const r = await runInProcess(['preflight', '--json'], { exec: dockerWithComposeV1.exec });
    const doc = JSON.parse(r.stdout);
    expect(doc.backend).toBe('native');
    expect(doc.reason).toContain('only Docker Compose v1 (docker-compose 1.29.2) is installed');
  });

  it('--backend compose with only Compose v1: NOT READY, with what to install, and whether native would do', async () => {
    const r = await runInProcess(['preflight', '--backend', 'compose'], { exec: dockerWithComposeV1.exec });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('✗ Docker Compose v2');
    expect(r.stdout).toContain('docker-compose-plugin');
    expect(r.stdout).toContain('native backend instead');
    expect(r.stdout).toContain('Verdict: NOT READY');
  });
});
