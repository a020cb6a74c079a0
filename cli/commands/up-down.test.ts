import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
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
import { runMain } from '../run-main.js';

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

  it('stops what it started when a service exits during start-up, and says which', async () => {
    const procs = fakeProcesses();
    const { exec } = fakeExec(() => ({ stdout: 'prometheus, version 2.42.0' }));
    const { http } = fakeHttp(
      { '/metrics': { status: 503 }, '/health': { body: {} }, '/-/ready': { body: '' } },
      'refuse',
    );
    // node-exporter never becomes ready: it "exits".
    const original = procs.processes.isOurs;
    procs.processes.isOurs = async (pid) => pid !== 4242 && original(pid, undefined);
    const r = await runInProcess(['up', '--backend', 'native', '--timeout', '5'], {
      env: await nativeEnv(),
      processes: procs.processes,
      exec,
      http,
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('node-exporter: exited during start-up');
    expect(procs.alive.size).toBe(0);
  });
});
