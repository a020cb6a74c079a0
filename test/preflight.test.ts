import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { standInPath } from './helpers/stand-in-path.js';

// Preflight's host checks for the compose backend, against the stand-in `docker` (test/stand-ins).
describe('workshop preflight --backend compose', () => {
  it('says NOT READY with what to do when the Docker engine does not answer, and starts nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-preflight-'));
    const r = await runCli(['preflight', '--backend', 'compose', '--json'], {
      env: {
        PATH: await standInPath(['docker']),
        STANDIN_DOCKER_SCENARIO: 'engine-down',
        STANDIN_DOCKER_LOG: path.join(dir, 'calls.log'),
        WORKSHOP_STATE_DIR: path.join(dir, 'state'),
      },
    });
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ready).toBe(false);
    const engine = doc.items.find((i: { name: string }) => i.name === 'Docker engine');
    expect(engine).toMatchObject({
      ok: false,
      detail: expect.stringContaining('Cannot connect to the Docker daemon'),
    });
    expect(engine.fix).toContain('--backend native');
    expect(doc.items.map((i: { name: string }) => i.name)).not.toContain('stack up, every target healthy');
  });
});
