import { mkdtemp, readFile, symlink } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortFree } from '../cli/stack/ports.js';
import { isOurProcess } from '../cli/stack/processes.js';
import { stackState } from '../cli/stack/state.js';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// End to end with the real Prometheus and node-exporter (installed by the global setup).
describe('workshop up / status / down --backend native', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await isolatedStackEnv();
  });
  afterAll(async () => {
    await runCli(['down', '--volumes'], { env });
  });

  it('brings every target up, reports green, refuses nothing twice, and leaves nothing behind', async () => {
    const up = await runCli(['up', '--backend', 'native', '--timeout', '60'], { env, timeoutMs: 90_000 });
    expect(up.stderr).not.toMatch(/internal error/);
    expect(up.exitCode).toBe(0);
    expect(up.stdout).toContain('The native stack is up (--backend native).');

    const status = await runCli(['status', '--json'], { env });
    expect(status.exitCode).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report.healthy).toBe(true);
    expect(report.targets.map((t: { job: string }) => t.job).sort()).toEqual([
      'node-exporter',
      'prometheus',
      'webapp-prometheus',
      // The progress exporter: probed once per exercise, and its own metrics.
      'workshop',
      'workshop',
      'workshop-exporter',
    ]);
    expect(report.targets.every((t: { health: string }) => t.health === 'up')).toBe(true);

    const again = await runCli(['up', '--backend', 'native'], { env });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('already up; nothing to do');

    const state = stackState.parse(
      JSON.parse(await readFile(path.join(env.WORKSHOP_STATE_DIR as string, 'stack.json'), 'utf8')),
    );
    const down = await runCli(['down'], { env });
    expect(down.exitCode).toBe(0);
    for (const p of Object.values(state.processes)) {
      expect(await isOurProcess(p.pid, p.startTime)).toBe(false);
      expect(await isPortFree(p.port)).toBe(true);
    }
    const after = await runCli(['status'], { env });
    expect(after.exitCode).toBe(3);
    expect(after.stdout).toContain('✗ down');
  });

  it('names the port and its holder when a port is taken, and starts nothing', async () => {
    const blocker = net.createServer();
    const port = Number(new URL(env.WORKSHOP_APP_URL as string).port);
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const r = await runCli(['up', '--backend', 'native'], { env });
      expect(r.exitCode).toBe(3);
      expect(r.stderr).toContain(`port ${port} (webapp) is already taken by`);
      expect(r.stderr).toContain(`(pid ${process.pid})`);
      expect(await isPortFree(Number(new URL(env.WORKSHOP_PROMETHEUS_URL as string).port))).toBe(true);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('stops with the exact install command when Prometheus is missing and installing is refused', async () => {
    // A PATH that holds node and nothing else.
    const bin = await mkdtemp(path.join(os.tmpdir(), 'workshop-path-'));
    await symlink(process.execPath, path.join(bin, 'node'));
    const r = await runCli(['up', '--backend', 'native', '--no-install'], { env: { ...env, PATH: bin } });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('Prometheus and node-exporter are not installed');
    expect(r.stderr).toContain('hint: run: sudo apt-get install -y prometheus prometheus-node-exporter');
  });
});
