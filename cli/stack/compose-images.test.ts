import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeExec, runInProcess } from '../../test/helpers/in-process.js';
import { chooseUpBackend } from './backend.js';
import { baseImage, neededImages, parseComposeConfig } from './compose-images.js';
import { resolveStackConfig, type StackConfig } from './config.js';

// An offline classroom: a Docker engine answers, but no registry does. The docker runner is
// injected; its answers are what engine 20.10 and Compose 2.40.3 printed on such a machine.
const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/docker');
const recorded = (file: string) => readFileSync(path.join(fixtures, file), 'utf8');
/** `docker compose config` names absolute paths: the checkout it was recorded in becomes this one. */
const recordedIn = '/work/wt-h3-compose-e2e';
const config = recorded('compose-config.json').replaceAll(
  recordedIn,
  path.resolve(import.meta.dirname, '../..'),
);
const noSuchImage = { exitCode: 1, stderr: recorded('image-inspect-missing.stderr'), stdout: '[]\n' };
const offlinePull = { exitCode: 1, stderr: recorded('pull-offline.stderr') };
const pullError = 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup';

/** Docker with Compose v2; `here` says which images the engine has, `pull` how a pull goes. */
function docker(
  here: (image: string) => boolean,
  pull: () => { exitCode: number; stdout?: string; stderr?: string },
) {
  return fakeExec((cmd, args) => {
    if (cmd !== 'docker') return undefined;
    const line = args.join(' ');
    if (line === 'info --format {{.ServerVersion}}') return { stdout: '20.10.24+dfsg1\n' };
    if (line === 'compose version --short') return { stdout: '2.40.3-3\n' };
    if (args.includes('config')) return { stdout: config };
    if (args[0] === 'image')
      return here(args.at(-1) as string) ? { stdout: 'sha256:0b4d70ef058b\n' } : noSuchImage;
    if (args[0] === 'pull') return pull();
    if (args.includes('ps')) return { stdout: '' };
    return undefined;
  });
}
const stack = (backend: string): StackConfig => resolveStackConfig({ backend }, {}, '/tmp');

describe('the pinned images, before compose up', () => {
  it('lists each pinned image once, and for a service not built yet the base image its Dockerfile starts FROM', async () => {
    const parsed = parseComposeConfig(config);
    if (!parsed) throw new Error('the recorded compose config no longer parses');
    const none = await neededImages(parsed, async () => false);
    expect(none.sort()).toEqual([
      'ghcr.io/google/cadvisor:0.54.0',
      'grafana/grafana:12.2.1',
      'node:20.19-bookworm-slim',
      'prom/node-exporter:v1.9.1',
      'prom/prometheus:v3.5.0',
      'prom/statsd-exporter:v0.28.0',
    ]);
    expect(await neededImages(parsed, async (i) => i.startsWith('prometheus-'))).not.toContain(
      'node:20.19-bookworm-slim',
    );
    // The build argument wins over the Dockerfile's default (test/compose/local-images.yml).
    expect(
      baseImage('ARG NODE_IMAGE=node:20\nFROM $NODE_IMAGE AS build\n', { NODE_IMAGE: 'local/node:20' }),
    ).toBe('local/node:20');
  });

  it('auto: an image neither here nor pullable means the native backend, with one line saying which and why', async () => {
    const { exec, calls } = docker(
      (i) => !i.includes('cadvisor'),
      () => offlinePull,
    );
    const chosen = await chooseUpBackend(stack('auto'), exec);
    expect(chosen.backend).toBe('native');
    expect(chosen.reason).toContain(
      `the image ghcr.io/google/cadvisor:0.54.0 is not on this machine and cannot be pulled (${pullError}`,
    );
    expect(calls).toContain('docker pull ghcr.io/google/cadvisor:0.54.0');
  });

  it('auto: images that are here, or whose pull is under way, keep the compose backend', async () => {
    const all = docker(
      () => true,
      () => offlinePull,
    );
    expect((await chooseUpBackend(stack('auto'), all.exec)).backend).toBe('compose');
    expect(all.calls.filter((c) => c.startsWith('docker pull'))).toEqual([]);
    // The pull ran out of time while downloading: the registry answers, Compose will finish it.
    const slow = docker(
      (i) => !i.includes('grafana'),
      () => ({
        exitCode: 127,
        stdout: '12.2.1: Pulling from grafana/grafana\n4f4fb700ef54: Pulling fs layer\n',
        stderr: 'Command timed out after 60000 milliseconds: docker pull grafana/grafana:12.2.1',
      }),
    );
    expect((await chooseUpBackend(stack('auto'), slow.exec)).backend).toBe('compose');
  });

  it('--backend compose fails at once with the same line (exit 3): no compose up, no empty log blocks', async () => {
    const { exec, calls } = docker(
      (i) => !i.startsWith('prom/prometheus'),
      () => offlinePull,
    );
    const r = await runInProcess(['up', '--backend', 'compose'], { exec });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(
      `workshop: the image prom/prometheus:v3.5.0 is not on this machine and cannot be pulled (${pullError}`,
    );
    expect(r.stderr).toContain('use --backend native');
    expect(r.stderr).not.toContain('last log lines');
    expect(calls.some((c) => c.includes(' up -d'))).toBe(false);
  });
});
