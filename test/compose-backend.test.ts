import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { root, runCli } from './helpers/run-cli.js';
import { standInPath } from './helpers/stand-in-path.js';

// The compose backend's docker calls, checked against the stand-in `docker` in test/stand-ins.
let dir: string;
let bin: string;
const env = (scenario = 'healthy') => ({
  PATH: bin,
  STANDIN_DOCKER_LOG: path.join(dir, 'docker-calls.log'),
  STANDIN_DOCKER_STATE: path.join(dir, 'docker-state'),
  STANDIN_DOCKER_SCENARIO: scenario,
  WORKSHOP_STATE_DIR: path.join(dir, 'state'),
});
const calls = async () =>
  (await readFile(path.join(dir, 'docker-calls.log'), 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as string[]).join(' '));
// No --file: Compose reads COMPOSE_FILE or docker-compose.yml (+ override) itself, as `docker compose` does.
const composePrefix = `compose --project-directory ${root}`;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-compose-'));
  bin = await standInPath(['docker']);
});

describe('workshop up/down --backend compose', () => {
  it('runs `docker compose up -d --wait` and records the backend', async () => {
    const r = await runCli(['up', '--backend', 'compose', '--timeout', '90'], { env: env() });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('The compose stack is up (--backend compose).');
    const images = [
      'prometheus-progress',
      'prometheus-webapp',
      'ghcr.io/google/cadvisor:0.54.0',
      'prom/prometheus:v3.5.0',
      'grafana/grafana:12.2.1',
      'prom/node-exporter:v1.9.1',
      'prom/statsd-exporter:v0.28.0',
    ];
    expect(await calls()).toEqual([
      'compose version --short',
      // First: are the pinned images here (an offline classroom cannot pull them)?
      `${composePrefix} config --format json`,
      ...images.map((i) => `image inspect --format {{.Id}} ${i}`),
      'compose version --short',
      `${composePrefix} ps --all --format json`,
      `${composePrefix} up -d --wait --wait-timeout 90`,
    ]);
    const state = JSON.parse(await readFile(path.join(dir, 'state', 'stack.json'), 'utf8'));
    expect(state.backend).toBe('compose');
  });

  it('is a no-op that says so when every service is already healthy', async () => {
    await runCli(['up', '--backend', 'compose'], { env: env() });
    const r = await runCli(['up', '--backend', 'compose'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('already up');
    expect((await calls()).filter((c) => c.includes(' up -d'))).toHaveLength(1);
  });

  it('on failure prints ps and the last log lines of each unhealthy service, exit 3', async () => {
    const r = await runCli(['up', '--backend', 'compose'], { env: env('up-fails') });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('container prometheus-webapp is unhealthy');
    expect(r.stderr).toMatch(/docker compose ps:\n(.*\n)*\s+webapp\s+running \(unhealthy\)/);
    expect(r.stderr).toContain('last log lines of webapp:');
    expect(r.stderr).toContain('EADDRINUSE');
    expect(await calls()).toContain(`${composePrefix} logs --no-color --tail 20 webapp`);
  });

  it('down --volumes runs `docker compose down --volumes` and deletes what was read from the volumes with the state dir', async () => {
    await runCli(['up', '--backend', 'compose'], { env: env() });
    const state = path.join(dir, 'state');
    await writeFile(path.join(state, 'progress.json'), '{}');
    await writeFile(path.join(state, 'attempts.jsonl'), '');
    const r = await runCli(['down', '--volumes'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect((await calls()).at(-1)).toBe(`${composePrefix} down --volumes`);
    // Old passes would outlive the query log they came from: the whole state dir goes.
    await expect(readdir(state)).rejects.toThrow(/ENOENT/);
  });

  it('down --volumes refuses a state dir holding a file workshop did not write, and stops nothing', async () => {
    await runCli(['up', '--backend', 'compose'], { env: env() });
    const state = path.join(dir, 'state');
    await writeFile(path.join(state, 'notes.txt'), 'mine');
    const before = (await calls()).length;
    const r = await runCli(['down', '--volumes'], { env: env() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('notes.txt');
    expect((await calls()).slice(before).filter((c) => c.includes(' down'))).toEqual([]);
    expect(await readdir(state)).toContain('notes.txt');
  });

  it('says what to do when Docker Compose is missing', async () => {
    const r = await runCli(['up', '--backend', 'compose'], { env: env('no-compose') });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(
      /Docker Compose v2 is not installed \(neither `docker compose` nor `docker-compose` answers\)/,
    );
    expect(r.stderr).toMatch(/--backend native/);
  });

  it('refuses Compose v1 (Debian 12) before using it, instead of reporting a stack it never started', async () => {
    bin = await standInPath(['docker', 'docker-compose']);
    const r = await runCli(['up', '--backend', 'compose'], { env: env('no-compose') });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).not.toContain('up');
    expect(r.stderr).toContain('only Docker Compose v1 (docker-compose 1.29.2) is installed');
    expect(r.stderr).toContain('docker-compose-plugin');
    expect((await calls()).filter((c) => c.includes(' up'))).toEqual([]);
  });

  it('auto picks the native backend when the engine answers but only Compose v1 is there, and says why', async () => {
    bin = await standInPath(['docker', 'docker-compose']);
    const r = await runCli(['status', '--json'], {
      env: { ...env('no-compose'), WORKSHOP_PROMETHEUS_URL: 'http://127.0.0.1:1' },
    });
    expect(JSON.parse(r.stdout).backend).toBe('native');
  });
});
