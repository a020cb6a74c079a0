import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/free-port.js';
import { root, runCli } from './helpers/run-cli.js';

// The built CLI against the built webapp, as a learner runs them.

let webapp: ResultPromise;
let appUrl: string;
let env: Record<string, string>;

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the webapp at ${url} did not come up in ${timeoutMs} ms`);
    await sleep(50);
  }
}

beforeAll(async () => {
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  webapp = execa(process.execPath, [path.join(root, 'dist/webapp/src/server.js')], {
    env: { PORT: String(port), HOST: '127.0.0.1', MEMORY_HOLD_MS: '100' },
    reject: false,
  });
  await waitForHealth(appUrl, 15_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-traffic-'));
  env = { WORKSHOP_STATE_DIR: path.join(dir, 'state'), WORKSHOP_APP_URL: appUrl };
});

afterAll(async () => {
  webapp.kill('SIGTERM');
  await webapp;
});

describe('workshop traffic', () => {
  it('quick --json: exit 0, one JSON summary on stdout, and a ledger that `workshop ledger` shows', async () => {
    const r = await runCli(['traffic', 'quick', '--time-scale', '0.1', '--seed', '1', '--json'], { env });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.exitCode).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      mode: 'quick',
      seed: 1,
      timeScale: 0.1,
      interrupted: false,
      totalRequests: 50,
    });
    const rows = summary.rows as Array<{ path: string; status: number; count: number; p50Ms: number }>;
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(50);
    expect(rows.every((row) => row.status > 0 && row.p50Ms >= 0)).toBe(true);

    const written = JSON.parse(await readFile(summary.ledgerFile, 'utf8'));
    expect(written).toMatchObject({ mode: 'quick', seed: 1, baseUrl: appUrl, interrupted: false });
    const ledger = await runCli(['ledger', '--json'], { env });
    expect(ledger.exitCode).toBe(0);
    expect(JSON.parse(ledger.stdout)).toEqual(written);

    const all = await runCli(['ledger', '--all', '--json'], { env });
    expect(JSON.parse(all.stdout).at(-1)).toEqual(written);

    const table = await runCli(['ledger'], { env });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain('Traffic run: quick (seed 1, time scale 0.1)');
    expect(table.stdout).toMatch(/GET\s+\/health\s+200\s+11/);
  });

  it('the same seed sends the same requests again', async () => {
    const first = await runCli(['traffic', 'cpu', '3', '--seed', '9', '--json'], { env });
    const second = await runCli(['traffic', 'delay', '4', '--seed', '9', '--time-scale', '0.01', '--json'], {
      env,
    });
    const third = await runCli(['traffic', 'delay', '4', '--seed', '9', '--time-scale', '0.01', '--json'], {
      env,
    });
    expect([first.exitCode, second.exitCode, third.exitCode]).toEqual([0, 0, 0]);
    const delays = async (run: typeof second) =>
      JSON.parse(await readFile(JSON.parse(run.stdout).ledgerFile, 'utf8')).delaysSent;
    expect(await delays(second)).toEqual(await delays(third));
    expect(await delays(second)).toHaveLength(4);
  });

  it('fails fast with one clear message and exit 3 when the app is not there', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await runCli(['traffic', 'quick', '--base-url', url], { env });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`workshop: webapp did not answer at ${url}/health: connection refused`);
    expect(r.stderr).toContain('hint: start the stack with `workshop up`');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown mode lists the modes and exits 2', async () => {
    const r = await runCli(['traffic', 'db'], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('workshop: unknown traffic mode "db"');
    expect(r.stderr).toContain(
      'available modes: quick, demo, sustained, errors, metrics, cpu, memory, delay, error-test, full',
    );
  });

  it('`workshop ledger` with no run recorded says so, and that is not a failure (exit 0)', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'workshop-no-ledger-'));
    const json = await runCli(['ledger', '--json'], { env: { ...env, WORKSHOP_STATE_DIR: empty } });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toBeNull();
    const text = await runCli(['ledger'], { env: { ...env, WORKSHOP_STATE_DIR: empty } });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(`No traffic run is recorded in ${path.join(empty, 'traffic')} yet`);
  });

  it('a bad flag is a usage error (exit 2), before any request', async () => {
    const r = await runCli(['traffic', 'quick', '--time-scale', '2'], { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--time-scale must be a number from 0.001 to 1 (got "2")');
  });

  it('Ctrl-C prints the partial summary, writes an interrupted ledger and exits 130', async () => {
    const cli = execa(
      process.execPath,
      [path.join(root, 'cli/bin/workshop.js'), 'traffic', 'sustained', '30', '--time-scale', '0.1'],
      {
        cwd: root,
        env: { NO_COLOR: '1', ...env },
        reject: false,
        timeout: 20_000,
      },
    );
    // ~1 s into the run (node's own start-up is not part of it).
    const started = new Promise<void>((resolve) => {
      cli.stderr?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('sustained: ')) resolve();
      });
    });
    await Promise.race([started, cli]);
    await sleep(1_000);
    cli.kill('SIGINT');
    const r = await cli;
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toContain('interrupted');
    const sent = Number(/(\d+) requests in/.exec(r.stdout)?.[1]);
    expect(sent).toBeGreaterThan(10);
    expect(sent).toBeLessThan(60);
    const ledger = await runCli(['ledger', '--json'], { env });
    expect(JSON.parse(ledger.stdout)).toMatchObject({ mode: 'sustained', interrupted: true });
  });
});
