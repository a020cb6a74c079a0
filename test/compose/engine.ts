import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { PrivateApt } from './private-apt.js';

/**
 * The engine this test starts when none answers: Docker's standard socket, data root and PID file,
 * as a learner's machine has them. cAdvisor (in the stack) reads Docker there: /var/run/docker.sock
 * and /var/lib/docker, mounted by docker-compose.yml.
 */
export const standardEngine = { socket: '/var/run/docker.sock', pidFile: '/var/run/docker.pid' };

export interface DockerSetup {
  /** DOCKER_HOST / DOCKER_CONFIG for every docker and workshop call of the test. */
  env: Record<string, string>;
  /** What was found or done, said once. */
  notes: string[];
  /** Stops the engine if this call started it (by its PID), else nothing. */
  stop(): Promise<void>;
}

type Say = (message: string) => void;

export class SetupError extends Error {}

export const docker = (env: Record<string, string>) => (args: string[]) =>
  execa('docker', args, { env, reject: false, timeout: 120_000 }).then((r) => ({
    exitCode: r.exitCode ?? 127,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
  }));

/**
 * A Docker engine and Compose v2: the ones that answer, else (as root) Debian 12's docker.io,
 * started here and stopped by `stop`, and sid's Compose v2 as a CLI plugin in a private
 * DOCKER_CONFIG (so `docker compose` elsewhere on the machine stays as it was).
 */
export async function ensureDocker(cacheDir: string, apt: PrivateApt, say: Say): Promise<DockerSetup> {
  const notes: string[] = [];
  const isRoot = process.getuid?.() === 0;
  let env: Record<string, string> = {};
  let stop = async () => {};
  if (!(await engineAnswers(env))) {
    if (!isRoot)
      throw new SetupError(
        'no Docker engine answers, and starting one needs root. Run the tests as root (CI does), or start Docker yourself (`sudo systemctl start docker`), then run them again',
      );
    if (process.env.DOCKER_HOST)
      throw new SetupError(
        `DOCKER_HOST=${process.env.DOCKER_HOST} does not answer: start that engine, or unset DOCKER_HOST to let the test start one on ${standardEngine.socket}`,
      );
    await ensureDockerd(say);
    const pid = await startDockerd(cacheDir, say);
    notes.push(`started dockerd (pid ${pid}) on ${standardEngine.socket}; the test stops it at the end`);
    stop = () => stopDockerd(pid);
  }
  if (!(await composeV2(env))) {
    const configDir = path.join(cacheDir, 'docker-config');
    const plugin = path.join(configDir, 'cli-plugins', 'docker-compose');
    if (!existsSync(plugin)) await installComposePlugin(apt, plugin, say);
    env = { ...env, DOCKER_CONFIG: configDir };
    if (!(await composeV2(env))) throw new SetupError(`${plugin} is not a working Docker Compose v2 plugin`);
    notes.push(`Docker Compose v2 from Debian's docker-compose (sid) as a plugin in ${configDir}`);
  }
  if ((await docker(env)(['buildx', 'version'])).exitCode !== 0)
    notes.push('no buildx here: Compose builds our images with its classic builder (it warns about Bake)');
  return { env, notes, stop };
}

async function engineAnswers(env: Record<string, string>): Promise<boolean> {
  const r = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], {
    env,
    reject: false,
    timeout: 10_000,
  });
  return r.exitCode === 0 && String(r.stdout).trim() !== '';
}

async function composeV2(env: Record<string, string>): Promise<boolean> {
  const r = await docker(env)(['compose', 'version', '--short']);
  return r.exitCode === 0 && /^v?([2-9]|\d\d+)\./.test(r.stdout.trim());
}

/** Debian 12's docker.io (engine 20.10) from the machine's own apt sources, when dockerd is missing. */
async function ensureDockerd(say: Say) {
  if ((await execa('sh', ['-c', 'command -v dockerd'], { reject: false })).exitCode === 0) return;
  say("Installing Debian's docker.io (the Docker engine) for the compose end-to-end test…");
  const apt = (args: string[]) =>
    execa('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
      reject: false,
      all: true,
      timeout: 15 * 60_000,
    });
  let r = await apt(['install', '-y', '-q', '--no-install-recommends', 'docker.io']);
  if (r.exitCode !== 0) {
    // A fresh machine has no package lists yet.
    await apt(['update', '-q']);
    r = await apt(['install', '-y', '-q', '--no-install-recommends', 'docker.io']);
  }
  if (r.exitCode !== 0)
    throw new SetupError(
      `installing docker.io failed:\n${(r.all ?? '').split('\n').slice(-5).join('\n')}\nrun: apt-get install docker.io`,
    );
}

async function startDockerd(cacheDir: string, say: Say): Promise<number> {
  await mkdir(cacheDir, { recursive: true });
  // A PID file left by an engine that died stops dockerd from starting.
  const stale = await readFile(standardEngine.pidFile, 'utf8').catch(() => '');
  if (stale && !isAlive(Number(stale))) await rm(standardEngine.pidFile, { force: true });
  const log = path.join(cacheDir, 'dockerd.log');
  say(`Starting dockerd (log: ${log})…`);
  const child = spawn('dockerd', [], {
    detached: true,
    stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')],
  });
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new SetupError('dockerd did not start');
  for (let i = 0; i < 120; i++) {
    if (await engineAnswers({})) return pid;
    if (!isAlive(pid)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-8).join('\n');
  await stopDockerd(pid);
  throw new SetupError(`dockerd did not answer within 60 s; last lines of ${log}:\n${tail}`);
}

async function stopDockerd(pid: number) {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 60 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 500));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** sid's docker-compose (Compose v2), its plugin binary taken out of the .deb. */
async function installComposePlugin(apt: PrivateApt, plugin: string, say: Say) {
  const version = await apt.version('docker-compose/sid');
  if (!version.startsWith('2.'))
    throw new SetupError(`the mirror's docker-compose in sid is ${version}, not Compose v2`);
  say(`Fetching Docker Compose ${version} (Debian sid's docker-compose) as a CLI plugin…`);
  const [deb] = await apt.download([`docker-compose=${version}`]);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'workshop-compose-deb-'));
  try {
    await execa('dpkg-deb', ['-x', deb as string, tmp]);
    await mkdir(path.dirname(plugin), { recursive: true });
    await copyFile(path.join(tmp, 'usr', 'libexec', 'docker', 'cli-plugins', 'docker-compose'), plugin);
    await chmod(plugin, 0o755);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
