import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { PrivateApt } from '../compose/private-apt.js';

/**
 * The Prometheus builds the native end-to-end tests run on: Debian 12's 2.42 (installed, on PATH)
 * and the 3.5 learners get with the compose stack (sid's 3.5.3 and node-exporter 1.11.1, unpacked
 * from their .debs). Each is the env the CLI is given: the binaries are picked by
 * WORKSHOP_PROMETHEUS_BIN / WORKSHOP_NODE_EXPORTER_BIN, as a user would pick theirs.
 */
export interface PrometheusBuild {
  name: string;
  /** What its /api/v1/status/buildinfo says, to the minor version. */
  version: string;
  env: Record<string, string>;
}

/** Downloads and unpacked packages: rebuildable, outside the repository. */
const cacheDir =
  process.env.WORKSHOP_E2E_CACHE ??
  (process.getuid?.() === 0 ? '/var/cache/workshop-e2e' : path.join(os.homedir(), '.cache', 'workshop-e2e'));

const sidPackages = ['prometheus', 'promtool', 'prometheus-node-exporter'] as const;

/** sid's Prometheus 3.5 and node-exporter, unpacked once into the cache (promtool beside prometheus). */
export async function prometheus35(say: (message: string) => void): Promise<PrometheusBuild> {
  const apt = new PrivateApt(path.join(cacheDir, 'apt'), say);
  const version = await apt.version('prometheus/sid');
  if (!version.startsWith('3.5.'))
    throw new Error(`the mirror's prometheus in sid is ${version}, not the 3.5 the compose stack pins`);
  const dir = path.join(cacheDir, `prometheus-${version}`);
  const bin = (name: string) => path.join(dir, 'usr', 'bin', name);
  if (!existsSync(bin('prometheus-node-exporter'))) {
    const pinned = await Promise.all(sidPackages.map(async (p) => `${p}=${await apt.version(`${p}/sid`)}`));
    say(`Unpacking ${pinned.join(', ')} into ${dir}…`);
    const debs = await apt.download(pinned);
    await mkdir(cacheDir, { recursive: true });
    const tmp = await mkdtemp(path.join(cacheDir, '.unpack-'));
    for (const deb of debs) await execa('dpkg-deb', ['-x', deb, tmp]);
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  }
  const r = await execa(bin('prometheus'), ['--version'], { reject: false, timeout: 10_000 });
  if (r.exitCode !== 0) throw new Error(`${bin('prometheus')} --version failed: ${r.stderr}`);
  return {
    name: `Prometheus ${version.split('+')[0]}`,
    version: version.split('.').slice(0, 2).join('.'),
    env: {
      WORKSHOP_PROMETHEUS_BIN: bin('prometheus'),
      WORKSHOP_NODE_EXPORTER_BIN: bin('prometheus-node-exporter'),
    },
  };
}

/** Debian 12's own, found on PATH by the CLI as a learner's would be. */
export const debian12Build: PrometheusBuild = {
  name: 'Prometheus 2.42 (Debian 12)',
  version: '2.42',
  env: {},
};
