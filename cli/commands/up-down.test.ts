import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-port.js';
import {
  fakeExec,
  fakeHttp,
  fakeProcesses,
  runInProcess,
  testContext,
} from '../../test/helpers/in-process.js';
import { UpstreamError } from '../errors.js';
import { runMain } from '../run-main.js';
import { remoteFlushDeadlineSeconds } from '../stack/native-plan.js';

/** A PATH holding stand-in prometheus and node-exporter binaries (never run: processes are faked). */
async function binDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-bins-'));
  for (const name of ['prometheus', 'prometheus-node-exporter']) {
    await writeFile(path.join(dir, name), '#!/bin/sh\nexit 0\n');
    await chmod(path.join(dir, name), 0o755);
  }
  return dir;
}

async function nativeEnv() {
  const url = async () => `http://127.0.0.1:${await freePort()}`;
  return {
    PATH: await binDir(),
    WORKSHOP_APP_URL: await url(),
    WORKSHOP_PROMETHEUS_URL: await url(),
    WORKSHOP_NODE_EXPORTER_URL: await url(),
    WORKSHOP_PROGRESS_URL: await url(),
  };
}

/** Every health endpoint answers, and Prometheus reports its three targets up (recorded). */
const healthyStack = () =>
  fakeHttp(
    {
      '/metrics': { body: '' },
      '/health': { body: { status: 'healthy' } },
      '/-/ready': { body: 'Prometheus Server is Ready.' },
      '/-/healthy': { body: 'Healthy' },
      '/-/reload': { body: '' },
      '/api/v1/targets': { fixture: 'targets.json' },
    },
    'refuse',
  );

describe('workshop up / down --backend native (in process: processes and HTTP faked)', () => {
  it('starts the three services on loopback with the compose job names, records them, and down stops exactly them', async () => {
    const procs = fakeProcesses();
    const { exec, calls } = fakeExec((cmd, args) =>
      args[0] === '--version'
        ? { stdout: `prometheus, version 2.42.0 (${cmd})` }
        : path.basename(cmd) === 'promtool'
          ? { stdout: '' }
          : undefined,
    );
    const ctx = await testContext({
      env: await nativeEnv(),
      processes: procs.processes,
      exec,
      http: healthyStack().http,
    });
    expect(await runMain(['up', '--backend', 'native', '--json'], ctx), ctx.err()).toBe(0);
    const doc = JSON.parse(ctx.out());
    expect(doc).toMatchObject({ backend: 'native', alreadyUp: false, reason: '--backend native' });
    expect(doc.urls.grading).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(procs.started.map((p) => path.basename(p.spec.command))).toEqual([
      'prometheus-node-exporter',
      path.basename(process.execPath),
      path.basename(process.execPath),
      'prometheus',
      'prometheus', // the grading Prometheus, on the dataset promtool turned into blocks
    ]);
    expect(calls.some((c) => c.includes('tsdb create-blocks-from openmetrics'))).toBe(true);
    expect(procs.started[4]?.spec.args.join(' ')).not.toContain('query_log');
    expect(procs.started[2]?.spec.args.slice(1, 2)).toEqual(['exporter']);
    expect(procs.started.flatMap((p) => p.spec.args).filter((a) => a.includes('listen-address'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^--web.listen-address=127\.0\.0\.1:\d+$/)]),
    );
    const stateDir = ctx.env.WORKSHOP_STATE_DIR as string;
    const config = await readFile(path.join(stateDir, 'prometheus.yml'), 'utf8');
    for (const job of ['node-exporter', 'webapp-prometheus', 'prometheus', 'workshop-exporter', 'workshop'])
      expect(config).toContain(`job_name: ${job}`);

    const again = await testContext({
      env: ctx.env,
      processes: procs.processes,
      exec,
      http: healthyStack().http,
    });
    expect(await runMain(['up', '--backend', 'native'], again)).toBe(0);
    expect(again.out()).toContain('already up; nothing to do');
    expect(again.out()).toMatch(/^ {2}grading +http:\/\/127\.0\.0\.1:\d+$/m);
    // A new name on a running stack: Prometheus reloads, and up says so (not "nothing to do").
    // The reload drops a remote_write to an unreachable instructor: it answers only after both
    // flush deadlines (the samples, then the metadata), and up waits for that.
    const reloadTakesMs = 2 * remoteFlushDeadlineSeconds * 1000 + 5;
    const renamed = await testContext({
      env: ctx.env,
      processes: procs.processes,
      exec,
      http: (service, url, opts) =>
        url.endsWith('/-/reload') && (opts?.timeoutMs ?? 0) < reloadTakesMs
          ? Promise.reject(
              new UpstreamError(
                service,
                url,
                `${service} did not answer at ${url}: no answer within ${opts?.timeoutMs} ms`,
              ),
            )
          : healthyStack().http(service, url, opts),
    });
    expect(await runMain(['up', '--backend', 'native', '--learner', 'Ada'], renamed), renamed.err()).toBe(0);
    expect(renamed.out()).toContain(
      'already up: Prometheus reloaded its config to apply the learner name and --report-to; nothing was restarted',
    );

    const down = await testContext({ env: ctx.env, processes: procs.processes, exec });
    expect(await runMain(['down'], down)).toBe(0);
    expect(down.out()).toBe('native stack: stopped grading, prometheus, progress, webapp, node-exporter.\n');
    expect(procs.alive.size).toBe(0);
  });

  it('refuses a non-loopback URL for a service the native backend starts, before starting anything', async () => {
    const procs = fakeProcesses();
    const r = await runInProcess(
      ['up', '--backend', 'native', '--prometheus-url', 'http://example.com:9090'],
      {
        env: await nativeEnv(),
        processes: procs.processes,
      },
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--prometheus-url: the native backend runs Prometheus on this machine');
    expect(procs.started).toEqual([]);
  });

  /** A native up in which node-exporter "exits" during start-up (it never becomes ready). */
  async function upWhereNodeExporterExits(argv: string[]) {
    const procs = fakeProcesses();
    const { exec } = fakeExec(() => ({ stdout: 'prometheus, version 2.42.0' }));
    const { http } = fakeHttp(
      { '/metrics': { status: 503 }, '/health': { body: {} }, '/-/ready': { body: '' } },
      'refuse',
    );
    const original = procs.processes.isOurs;
    procs.processes.isOurs = async (pid) => pid !== 4242 && original(pid, undefined);
    const r = await runInProcess([...argv, '--backend', 'native', '--timeout', '5'], {
      env: await nativeEnv(),
      processes: procs.processes,
      exec,
      http,
    });
    return { r, procs };
  }

  it('stops what it started when a service exits during start-up, and says which', async () => {
    const { r, procs } = await upWhereNodeExporterExits(['up']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('node-exporter: exited during start-up');
    expect(procs.alive.size).toBe(0);
  });

  it("smoke's phase table says up stopped what it had started, from the error's cleanup (not its text)", async () => {
    const { r, procs } = await upWhereNodeExporterExits(['smoke', '--json']);
    expect(r.exitCode).toBe(3);
    const down = JSON.parse(r.stdout).phases.find((p: { name: string }) => p.name === 'down');
    expect(down).toMatchObject({ outcome: 'skipped', detail: 'up stopped what it had started itself' });
    expect(procs.alive.size).toBe(0);
  });

  for (const [service, flag, env] of [
    ['node-exporter', '--node-exporter-url', 'WORKSHOP_NODE_EXPORTER_URL'],
    ['progress', '--progress-url', 'WORKSHOP_PROGRESS_URL'],
  ] as const) {
    it(`a taken ${service} port names the flag that moves it, and that flag does (shown in --help)`, async () => {
      const stackEnv = await nativeEnv();
      const blocker = net.createServer();
      const port = Number(new URL(stackEnv[env]).port);
      await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
      try {
        const { exec } = fakeExec(() => ({ stdout: 'prometheus, version 2.42.0' }));
        const taken = await runInProcess(['up', '--backend', 'native'], { env: stackEnv, exec });
        expect(taken.exitCode, taken.stderr).toBe(3);
        expect(taken.stderr).toContain(`port ${port} (${service}) is already taken`);
        expect(taken.stderr).toContain(
          `move ${service} with ${flag} http://127.0.0.1:${port + 1} (or ${env}=`,
        );
        const procs = fakeProcesses();
        const moved = await runInProcess(
          ['up', '--backend', 'native', flag, `http://127.0.0.1:${await freePort()}`],
          { env: stackEnv, exec, processes: procs.processes, http: healthyStack().http },
        );
        expect(moved.exitCode, moved.stderr).toBe(0);
      } finally {
        await new Promise((r) => blocker.close(r));
      }
      const help = await runInProcess(['up', '--help']);
      expect(help.stdout).toContain(`${flag} <url>`);
      expect(help.stdout).toContain(`env ${env}`);
    });
  }
});

describe('Ctrl-C during up', () => {
  it('says "interrupted", not "failed", stops what it started and exits 130', async () => {
    const procs = fakeProcesses();
    const { exec } = fakeExec(() => ({ stdout: 'prometheus, version 2.42.0' }));
    const run = new AbortController();
    // Ctrl-C while up waits for Prometheus to be ready.
    const { http } = fakeHttp(
      {
        '/metrics': { body: '' },
        '/health': { body: { status: 'healthy' } },
        '/-/healthy': { body: 'Healthy' },
        '/-/ready': () => {
          run.abort(new Error('interrupted by SIGINT'));
          return { status: 503 };
        },
      },
      'refuse',
    );
    const r = await runInProcess(['up', '--backend', 'native'], {
      env: await nativeEnv(),
      processes: procs.processes,
      exec,
      http,
      signal: run.signal,
    });
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('interrupted; stopping what was started');
    expect(r.stderr).not.toContain('failed');
    expect(procs.alive.size).toBe(0);
  });
});

describe('up after a part of the native stack died', () => {
  it('restarts only what is down: the webapp (its counters) and the rest keep running', async () => {
    const procs = fakeProcesses();
    const { exec } = fakeExec(() => ({ stdout: 'prometheus, version 2.42.0' }));
    const first = await runInProcess(['up', '--backend', 'native'], {
      env: await nativeEnv(),
      processes: procs.processes,
      exec,
      http: healthyStack().http,
    });
    expect(first.exitCode, first.stderr).toBe(0);
    const { env } = first.ctx;
    const byName = (name: string) => procs.started.find((p) => p.log.endsWith(`${name}.log`));
    const prometheus = byName('prometheus');
    procs.alive.delete(prometheus?.pid ?? 0);
    const before = new Set(procs.alive);

    const again = await runInProcess(['up', '--backend', 'native'], {
      env,
      processes: procs.processes,
      exec,
      http: healthyStack().http,
    });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('restarted prometheus, which had stopped; the rest ran on');
    // webapp, Prometheus, node-exporter, the exporter and the grading Prometheus; then Prometheus.
    expect(procs.started).toHaveLength(6);
    expect(procs.started.at(-1)?.log).toMatch(/\/prometheus\.log$/);
    for (const pid of before) expect(procs.alive.has(pid)).toBe(true);
    // down still stops every one, the restarted Prometheus too.
    const down = await runInProcess(['down'], { env, processes: procs.processes, exec });
    expect(down.exitCode).toBe(0);
    expect(procs.alive.size).toBe(0);
  });
});

describe("up --backend native with the learner's own Grafana", () => {
  it('names it as theirs instead of "grafana not available: not installed"', async () => {
    const procs = fakeProcesses();
    const { exec } = fakeExec(() => ({ stdout: 'prometheus, version 2.42.0' }));
    const stack = healthyStack().http;
    const grafana = fakeHttp({ '/api/health': { body: { database: 'ok', version: '12.2.1' } } }, stack);
    const r = await runInProcess(['up', '--backend', 'native', '--grafana-url', 'http://127.0.0.1:3999'], {
      env: await nativeEnv(),
      processes: procs.processes,
      exec,
      http: grafana.http,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'grafana        http://127.0.0.1:3999 (yours: workshop neither starts nor stops it)',
    );
    expect(r.stdout).not.toContain('grafana        not available');
    expect(procs.started.some((p) => p.log.endsWith('grafana.log'))).toBe(false);
  });
});
