import { StackError } from '../errors.js';
import { binaries, findBinary } from './binaries.js';

export const debianPackages = ['prometheus', 'prometheus-node-exporter'] as const;
const installCommand = `apt-get install -y ${debianPackages.join(' ')}`;

export interface InstallDeps {
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  /** Contents of /etc/os-release, if any. */
  osRelease: string | undefined;
  run(
    command: string,
    args: string[],
    env: Record<string, string>,
  ): Promise<{ exitCode: number; output: string }>;
  say(message: string): void;
  /** Whether systemd runs this machine (/run/systemd/system exists). */
  systemd: boolean;
  /**
   * Stops Debian's maintainer scripts from starting the packages' services while they install
   * (a policy-rc.d that answers 101); resolves to the function that lifts it again.
   */
  holdServices(): Promise<() => Promise<void>>;
}

/** The system services the packages come with: on :9090 and :9100 they would block `workshop up`. */
const systemServices = ['prometheus', 'prometheus-node-exporter'];

/**
 * Makes sure Prometheus and node-exporter are on this machine. The CLI and the test suite both
 * call this, so a fresh Debian machine gets the same install either way.
 */
export async function ensurePrometheusInstalled(
  allowInstall: boolean,
  deps: InstallDeps,
): Promise<'present' | 'installed'> {
  if (await bothPresent(deps.env)) return 'present';
  for (const name of ['prometheus', 'node-exporter'] as const) {
    const given = deps.env[binaries[name].env];
    // A path the user named is never second-guessed by installing something else.
    if (given && !(await findBinary(name, deps.env))) {
      throw new StackError(`${binaries[name].env}=${given} is not an executable file`, {
        hint: `point ${binaries[name].env} at the ${name} binary, or unset it to use the one on PATH`,
      });
    }
  }
  const missing = `Prometheus and node-exporter are not installed (looked for ${binaries.prometheus.names.join(', ')} and ${binaries['node-exporter'].names.join(', ')} on PATH, and ${binaries.prometheus.env} / ${binaries['node-exporter'].env})`;
  if (!isDebianLike(deps.osRelease)) {
    throw new StackError(missing, {
      hint: `install them (${binaries.prometheus.howToGet}) or use --backend compose`,
    });
  }
  if (!allowInstall) throw new StackError(missing, { hint: `run: sudo ${installCommand}` });
  if (!deps.isRoot)
    throw new StackError(`${missing}; installing them needs root`, { hint: `run: sudo ${installCommand}` });

  deps.say(`Installing ${debianPackages.join(' and ')} from Debian's packages (apt-get)…`);
  const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh machine has no package lists yet; update first, as apt-get needs.
  const update = await deps.run('apt-get', ['update', '-q'], aptEnv);
  const release = await deps.holdServices();
  let install: { exitCode: number; output: string };
  try {
    install =
      update.exitCode === 0
        ? await deps.run(
            'apt-get',
            ['install', '-y', '-q', '--no-install-recommends', ...debianPackages],
            aptEnv,
          )
        : update;
  } finally {
    await release();
  }
  if (install.exitCode === 0 && deps.systemd) {
    // Held services do not start now, but are enabled for the next boot: disable them, and say so.
    const disabled = await deps.run('systemctl', ['disable', '--now', ...systemServices], {});
    if (disabled.exitCode === 0)
      deps.say(
        `Disabled the ${systemServices.join(' and ')} system services (they would hold ports 9090 and 9100; the workshop runs its own).`,
      );
  }
  if (install.exitCode !== 0 || !(await bothPresent(deps.env))) {
    const tail = install.output.trim().split('\n').slice(-5).join('\n    ');
    throw new StackError(`installing ${debianPackages.join(' ')} failed:\n    ${tail}`, {
      hint: `run: ${installCommand}`,
    });
  }
  return 'installed';
}

async function bothPresent(env: NodeJS.ProcessEnv): Promise<boolean> {
  return Boolean((await findBinary('prometheus', env)) && (await findBinary('node-exporter', env)));
}

export function isDebianLike(osRelease: string | undefined): boolean {
  if (!osRelease) return false;
  const field = (key: string) => osRelease.match(new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm'))?.[1] ?? '';
  return /\b(debian|ubuntu)\b/.test(`${field('ID')} ${field('ID_LIKE')}`);
}

/** The real machine: root check, /etc/os-release and apt-get through execa. */
export async function nodeInstallDeps(
  env: NodeJS.ProcessEnv,
  say: (m: string) => void,
): Promise<InstallDeps> {
  const { readFile } = await import('node:fs/promises');
  const { execa } = await import('execa');
  const { existsSync } = await import('node:fs');
  const { rm, writeFile } = await import('node:fs/promises');
  const policy = '/usr/sbin/policy-rc.d';
  return {
    env,
    isRoot: process.getuid?.() === 0,
    osRelease: await readFile('/etc/os-release', 'utf8').catch(() => undefined),
    say,
    systemd: existsSync('/run/systemd/system'),
    async holdServices() {
      // An existing policy (a container image's, say) is left as it is: it already decides.
      if (existsSync(policy)) return async () => {};
      await writeFile(policy, '#!/bin/sh\n# written by workshop while it installs Prometheus\nexit 101\n', {
        mode: 0o755,
      });
      return () => rm(policy, { force: true });
    },
    async run(command, args, extraEnv) {
      const r = await execa(command, args, { env: extraEnv, all: true, reject: false, timeout: 15 * 60_000 });
      return { exitCode: r.exitCode ?? 1, output: r.all ?? '' };
    },
  };
}
