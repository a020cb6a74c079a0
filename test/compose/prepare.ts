import path from 'node:path';
import { execa } from 'execa';
import { type DockerSetup, docker, ensureDocker, SetupError } from './engine.js';
import { buildLocalImages, imageSpecs } from './images.js';
import { PrivateApt } from './private-apt.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Downloads and the engine's plugin: all rebuildable, none of it in the repository. */
export const e2eCacheDir = process.env.WORKSHOP_E2E_CACHE ?? '/var/cache/workshop-e2e';

export interface ComposeE2e extends DockerSetup {
  /** The override files, as Compose's own COMPOSE_FILE lists them (relative to the repository). */
  composeFile: string;
}

/**
 * Everything the compose end-to-end test needs: an engine and Compose v2 (ensureDocker), the local
 * images in place of the pinned ones, our webapp and progress images built from our Dockerfiles,
 * and the COMPOSE_FILE that swaps the images in. Run by the test itself and by `npm run e2e:images`.
 */
export async function prepareComposeE2e(say: (message: string) => void): Promise<ComposeE2e> {
  if (process.getuid?.() !== 0)
    throw new SetupError(
      'the compose end-to-end test builds its images from Debian packages (files owned by their users), which needs root: run `npm test` as root (CI does), or `sudo npm run e2e:images` once and then the tests as root',
    );
  const apt = new PrivateApt(path.join(e2eCacheDir, 'apt'), say);
  const setup = await ensureDocker(e2eCacheDir, apt, say);
  try {
    for (const note of setup.notes) say(note);
    const run = docker(setup.env);
    const built = await buildLocalImages({ apt, docker: run, dockerEnv: setup.env, say });
    if (built.length) say(`built ${built.join(', ')}`);
    const files = ['docker-compose.yml', 'test/compose/local-images.yml'];
    if (!(await privilegedContainersStart(run))) {
      say(
        'this machine cannot start privileged containers (unable to apply caps): cAdvisor runs with every capability but SYS_RESOURCE instead (test/compose/unprivileged-cadvisor.yml)',
      );
      files.push('test/compose/unprivileged-cadvisor.yml');
    }
    const env = { ...setup.env, COMPOSE_FILE: files.join(':') };
    say('Building the webapp and progress images from our Dockerfiles (docker compose build)…');
    const b = await execa('docker', ['compose', 'build'], {
      env,
      cwd: repoRoot,
      reject: false,
      all: true,
      timeout: 20 * 60_000,
    });
    if (b.exitCode !== 0)
      throw new SetupError(
        `docker compose build failed (it runs npm ci inside the build: the npm registry must be reachable from containers):\n${(b.all ?? '').split('\n').slice(-15).join('\n')}`,
      );
    return { ...setup, env, composeFile: env.COMPOSE_FILE };
  } catch (error) {
    await setup.stop();
    throw error;
  }
}

/** Whether `privileged: true` can start here (some sandboxes lack capabilities in their bounding set). */
async function privilegedContainersStart(run: ReturnType<typeof docker>): Promise<boolean> {
  const image = imageSpecs.find((s) => s.tag.includes('/node:'))?.tag as string;
  const r = await run(['run', '--rm', '--privileged', '--entrypoint', '/bin/true', image]);
  return r.exitCode === 0;
}
