import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StackError } from '../errors.js';
import { ensurePrometheusInstalled, type InstallDeps, isDebianLike } from './install.js';

const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';
const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const fedora = 'NAME="Fedora Linux"\nID=fedora\n';

async function binDir(names: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-bin-'));
  await mkdir(dir, { recursive: true });
  for (const n of names) {
    await writeFile(path.join(dir, n), '#!/bin/sh\n');
    await chmod(path.join(dir, n), 0o755);
  }
  return dir;
}

function deps(over: Partial<InstallDeps> & { PATH: string }): InstallDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    env: { PATH: over.PATH },
    isRoot: true,
    osRelease: debian,
    say: () => undefined,
    run: async (cmd, args) => {
      calls.push(`${cmd} ${args.join(' ')}`);
      return { exitCode: 0, output: '' };
    },
    systemd: false,
    holdServices: async () => {
      calls.push('hold services');
      return async () => void calls.push('release services');
    },
    ...over,
    calls,
  };
}

describe('isDebianLike', () => {
  it('accepts Debian and its derivatives only', () => {
    expect(isDebianLike(debian)).toBe(true);
    expect(isDebianLike(ubuntu)).toBe(true);
    expect(isDebianLike(fedora)).toBe(false);
    expect(isDebianLike(undefined)).toBe(false);
  });
});

describe('ensurePrometheusInstalled', () => {
  it('does nothing when both binaries are on PATH', async () => {
    const d = deps({ PATH: await binDir(['prometheus', 'node_exporter']) });
    expect(await ensurePrometheusInstalled(true, d)).toBe('present');
    expect(d.calls).toEqual([]);
  });

  it('as root on Debian, runs apt-get update then install', async () => {
    const dir = await binDir([]);
    const d = deps({ PATH: dir });
    d.run = async (cmd, args) => {
      d.calls.push(`${cmd} ${args.join(' ')}`);
      if (args[0] === 'install') {
        for (const n of ['prometheus', 'prometheus-node-exporter']) {
          await writeFile(path.join(dir, n), '#!/bin/sh\n');
          await chmod(path.join(dir, n), 0o755);
        }
      }
      return { exitCode: 0, output: '' };
    };
    expect(await ensurePrometheusInstalled(true, d)).toBe('installed');
    expect(d.calls).toEqual([
      'apt-get update -q',
      'hold services',
      'apt-get install -y -q --no-install-recommends prometheus prometheus-node-exporter',
      'release services',
    ]);
  });

  it("on a systemd host, keeps the packages' services from starting and disables them, saying so", async () => {
    const dir = await binDir([]);
    const said: string[] = [];
    const d = deps({ PATH: dir, systemd: true, say: (m) => said.push(m) });
    const run = d.run;
    d.run = async (cmd, args, env) => {
      if (args[0] === 'install')
        for (const n of ['prometheus', 'prometheus-node-exporter'])
          await writeFile(path.join(dir, n), '#!/bin/sh\n', { mode: 0o755 });
      return run(cmd, args, env);
    };
    expect(await ensurePrometheusInstalled(true, d)).toBe('installed');
    expect(d.calls.slice(1)).toEqual([
      'hold services',
      'apt-get install -y -q --no-install-recommends prometheus prometheus-node-exporter',
      'release services',
      'systemctl disable --now prometheus prometheus-node-exporter',
    ]);
    expect(said.at(-1)).toContain('Disabled the prometheus and prometheus-node-exporter system services');
  });

  it('refuses with --no-install and names the exact command', async () => {
    const d = deps({ PATH: await binDir([]) });
    const err = await ensurePrometheusInstalled(false, d).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StackError);
    expect((err as StackError).hint).toBe('run: sudo apt-get install -y prometheus prometheus-node-exporter');
    expect(d.calls).toEqual([]);
  });

  it('does not try without root, nor off Debian', async () => {
    const notRoot = deps({ PATH: await binDir([]), isRoot: false });
    await expect(ensurePrometheusInstalled(true, notRoot)).rejects.toThrow(/installing them needs root/);
    const other = deps({ PATH: await binDir([]), osRelease: fedora });
    await expect(ensurePrometheusInstalled(true, other)).rejects.toThrow(/not installed/);
    expect([...notRoot.calls, ...other.calls]).toEqual([]);
  });

  it('reports a failed apt-get with its last lines', async () => {
    const d = deps({ PATH: await binDir([]) });
    d.run = async () => ({
      exitCode: 100,
      output: 'Reading package lists...\nE: Unable to locate package prometheus',
    });
    await expect(ensurePrometheusInstalled(true, d)).rejects.toThrow(
      /failed:\n.*Unable to locate package prometheus/s,
    );
  });
});

describe('ensurePrometheusInstalled with an explicit binary path', () => {
  it('names the variable when the path is not executable, and installs nothing', async () => {
    const d = deps({ PATH: await binDir(['prometheus', 'node_exporter']) });
    d.env.WORKSHOP_PROMETHEUS_BIN = '/nonexistent/prometheus';
    await expect(ensurePrometheusInstalled(true, d)).rejects.toThrow(
      'WORKSHOP_PROMETHEUS_BIN=/nonexistent/prometheus is not an executable file',
    );
    expect(d.calls).toEqual([]);
  });
});
