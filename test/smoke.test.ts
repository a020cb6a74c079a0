import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { describe, expect, inject, it } from 'vitest';
import { isPortFree } from '../cli/stack/ports.js';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { assertNoNodeWarning, root, runCli } from './helpers/run-cli.js';

/** The ports of what the native backend starts: all must be free again afterwards. */
const nativePorts = (env: Record<string, string>) =>
  ['WORKSHOP_APP_URL', 'WORKSHOP_PROMETHEUS_URL', 'WORKSHOP_NODE_EXPORTER_URL', 'WORKSHOP_PROGRESS_URL'].map(
    (k) => Number(new URL(env[k] as string).port),
  );

// The README's main job, end to end with the real Prometheus: up, traffic, checks, down.
describe.each(inject('prometheusBuilds'))('workshop smoke --backend native on $name', (build) => {
  it('passes every check that is not skipped, reports its phases, and leaves nothing behind', async () => {
    const env = { ...build.env, ...(await isolatedStackEnv()) };
    const ports = nativePorts(env);
    const r = await runCli(['smoke', '--backend', 'native', '--json', '--seed', '1'], {
      env,
      timeoutMs: 120_000,
    });
    expect(r.stderr).not.toMatch(/internal error/);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary, JSON.stringify(doc.exercises, null, 2)).toMatchObject({ failed: 0, errors: 0 });
    expect(doc.summary.passed).toBeGreaterThanOrEqual(13);
    expect(r.exitCode).toBe(0);
    expect(doc.phases.map((p: { name: string; outcome: string }) => `${p.name}:${p.outcome}`)).toEqual([
      'up:ok',
      'traffic:ok',
      'solve:skipped',
      'checks:ok',
      'down:ok',
    ]);
    // What this backend cannot run is reported as unchecked, with the service, and not counted.
    const unchecked = doc.exercises.flatMap(
      (e: { checks: { status: string; unavailableService?: string }[] }) =>
        e.checks.filter((c) => c.status === 'unchecked'),
    );
    expect(new Set(unchecked.map((c: { unavailableService?: string }) => c.unavailableService))).toEqual(
      new Set(['cadvisor', 'grafana']),
    );
    // Down removed the stack's record, and every port it used is free again.
    const record = await readFile(path.join(env.WORKSHOP_STATE_DIR as string, 'stack.json'), 'utf8').catch(
      () => 'gone',
    );
    expect(record).toBe('gone');
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
  }, 130_000);
});

describe('workshop smoke interrupted', () => {
  it('stops what it started on Ctrl-C, exits 130 and leaves no port behind', async () => {
    const env = await isolatedStackEnv();
    const ports = nativePorts(env);
    const child = execa(
      process.execPath,
      [path.join(root, 'cli', 'bin', 'workshop.js'), 'smoke', '--backend', 'native'],
      {
        env: { ...env, NO_COLOR: '1' },
        reject: false,
        timeout: 60_000,
      },
    );
    // Interrupt once the stack is really up: the up phase said so, every process is recorded, Prometheus is ready.
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const stateFile = path.join(env.WORKSHOP_STATE_DIR as string, 'stack.json');
    const up = async () => {
      if (!stderr.includes('✓ native stack up')) return false;
      const state = await readFile(stateFile, 'utf8').then(JSON.parse, () => undefined);
      if (Object.keys(state?.processes ?? {}).length < 3) return false;
      return fetch(`${env.WORKSHOP_PROMETHEUS_URL}/-/ready`).then(
        (res) => res.ok,
        () => false,
      );
    };
    let wasUp = false;
    for (let i = 0; i < 300 && !wasUp; i++) {
      wasUp = await up();
      if (!wasUp) await sleep(100);
    }
    expect(wasUp).toBe(true);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
    // The phase table tells the truth: up was ok, a later phase was interrupted, down stopped what up started.
    const table = String(r.stdout);
    expect(table).toMatch(/^up\s+[\d.]+\s+ok/m);
    expect(table).toMatch(/^(traffic|checks)\s+[\d.]+\s+interrupted/m);
    expect(table).toMatch(/^down\s+[\d.]+\s+ok\s+stopped .*webapp/m);
    assertNoNodeWarning(['smoke'], stderr);
  }, 70_000);

  it('Ctrl-C while the stack is starting says "interrupted", never "failed", and exits 130', async () => {
    const env = await isolatedStackEnv();
    const child = execa(
      process.execPath,
      [path.join(root, 'cli', 'bin', 'workshop.js'), 'smoke', '--backend', 'native'],
      { env: { ...env, NO_COLOR: '1' }, reject: false, timeout: 60_000 },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    for (let i = 0; i < 300 && !stderr.includes('waiting for'); i++) await sleep(20);
    expect(stderr).toContain('waiting for');
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(stderr).toContain('interrupted; stopping what was started');
    expect(stderr).not.toContain('failed');
    expect(String(r.stdout)).toMatch(/^up\s+[\d.]+\s+interrupted/m);
    for (const port of nativePorts(env)) expect(await isPortFree(port)).toBe(true);
  }, 70_000);
});
