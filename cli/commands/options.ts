import { isIP } from 'node:net';
import os from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../context.js';
import { parseDuration } from '../duration.js';
import type { GrafanaCredentials } from '../grafana/client.js';
import { backendNames, redactUrl, type StackConfig, type StackFlags } from '../stack/config.js';

/** The flags every stack-facing command shares. */
export function stackOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--backend <name>', 'stack backend (env WORKSHOP_BACKEND)').choices(backendNames))
    .option(
      '--state-dir <dir>',
      'where the stack keeps PIDs, logs, ledgers and data (env WORKSHOP_STATE_DIR)',
    )
    .option('--app-url <url>', 'webapp URL (env WORKSHOP_APP_URL, default http://localhost:3001)')
    .option(
      '--prometheus-url <url>',
      'Prometheus URL (env WORKSHOP_PROMETHEUS_URL, default http://localhost:9090)',
    )
    .option('--grafana-url <url>', 'Grafana URL (env WORKSHOP_GRAFANA_URL, default http://localhost:3000)')
    .option(
      '--node-exporter-url <url>',
      'node-exporter URL (env WORKSHOP_NODE_EXPORTER_URL, default http://localhost:9100)',
    )
    .option(
      '--statsd-url <url>',
      'statsd-exporter URL (env WORKSHOP_STATSD_URL, default http://localhost:9102)',
    )
    .option('--cadvisor-url <url>', 'cAdvisor URL (env WORKSHOP_CADVISOR_URL, default http://localhost:8080)')
    .option(
      '--progress-url <url>',
      'progress exporter URL (env WORKSHOP_PROGRESS_URL, default http://localhost:9199)',
    );
}

export interface GrafanaFlags {
  grafanaUser?: string;
  grafanaPassword?: string;
}

/** Grafana's login: never printed. */
export function grafanaOptions(cmd: Command): Command {
  return cmd
    .option('--grafana-user <user>', 'Grafana user (env WORKSHOP_GRAFANA_USER, default admin)')
    .option(
      '--grafana-password <password>',
      'Grafana password (env WORKSHOP_GRAFANA_PASSWORD, default foobar)',
    );
}

/** Flag, then env, then credentials in the Grafana URL, then the workshop's admin / foobar. */
export function grafanaCredentials(
  flags: GrafanaFlags,
  env: NodeJS.ProcessEnv,
  config: StackConfig,
): GrafanaCredentials {
  return {
    user: flags.grafanaUser ?? env.WORKSHOP_GRAFANA_USER ?? config.grafanaLogin?.user ?? 'admin',
    password:
      flags.grafanaPassword ?? env.WORKSHOP_GRAFANA_PASSWORD ?? config.grafanaLogin?.password ?? 'foobar',
  };
}

/** Whether the user named a Grafana: then it is checked even where the backend has none. */
export function grafanaNamed(flags: StackFlags, ctx: Pick<Context, 'env'>): boolean {
  return flags.grafanaUrl !== undefined || Boolean(ctx.env.WORKSHOP_GRAFANA_URL);
}

/** Seconds from a flag; commander turns the error into a usage error (exit 2). */
export function seconds(opts: { min: number; max: number; allowZero?: boolean }) {
  return (value: string): number => {
    const n = Number(value);
    const low = opts.allowZero ? 0 : opts.min;
    if (value.trim() === '' || !Number.isFinite(n) || n < low || (!opts.allowZero && n <= 0) || n > opts.max)
      throw new InvalidArgumentError(
        `must be a number of seconds from ${opts.allowZero ? 0 : opts.min} to ${opts.max} (got "${value}")`,
      );
    return n;
  };
}

/** A port from a flag: the same rule for every port flag, 1 to 65535. */
export function port(value: string): number {
  // Digits only: Number() would also take "1e3", "0x50" or " 80" as a port.
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidArgumentError(`must be a port from 1 to 65535 (got "${value}")`);
  return n;
}

/** An address to listen on (every `--host`): an IP address this machine has, or 0.0.0.0 / :: for all of them. */
export function listenAddress(value: string): string {
  if (!isIP(value))
    throw new InvalidArgumentError(`must be an IP address, such as 127.0.0.1 or 0.0.0.0 (got "${value}")`);
  const mine = Object.values(os.networkInterfaces())
    .flat()
    .map((i) => i?.address);
  if (value === '0.0.0.0' || value === '::' || value.startsWith('127.') || mine.includes(value)) return value;
  throw new InvalidArgumentError(
    `${value} is not an address of this machine: use 127.0.0.1, 0.0.0.0 (every address) or one of ${mine.filter((a) => a && !a.startsWith('fe80')).join(', ')}`,
  );
}

/** An http(s) URL a flag names (one that is not a stack service's: those go through the stack config). */
export function httpUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw new InvalidArgumentError(
      `must be an http:// or https:// URL without a login (got "${redactUrl(value)}")`,
    );
  return value.replace(/\/+$/, '');
}

/** A file or folder a flag names: an empty value would silently mean none, or the current folder. */
export function nonEmptyPath(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must name a file or folder (got "")');
  return value;
}

/** The common end of every command's --help: examples and what its exit codes mean. */
export function helpFooter(examples: string[], exitCodes: string[]): string {
  return [
    '',
    'Examples:',
    ...examples.map((e) => `  $ ${e}`),
    '',
    'Exit codes:',
    ...exitCodes.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

export const exitCodeLines = {
  ok: '0    done',
  failed: '1    a check failed',
  usage: '2    bad usage: an unknown flag, mode or exercise, an unreadable file',
  upstream: '3    the stack or an upstream service (Prometheus, Grafana, Docker) could not do its part',
  unchecked: '4    nothing failed, but some checks could not be checked (the report says what to do)',
  interrupted: '130  interrupted (Ctrl-C); 143 for SIGTERM',
};

/** `--since`: an ISO time, or a duration ago (`30m`, `2h`): milliseconds since the epoch. */
export function sinceTime(now: () => number) {
  return (value: string): number => {
    const ago = parseDuration(value);
    if (ago !== undefined) return now() - ago;
    const at = Date.parse(value);
    if (/^\d{4}-\d\d-\d\d/.test(value) && !Number.isNaN(at)) return at;
    throw new InvalidArgumentError(
      `must be a duration ago (30m, 2h) or an ISO time (2026-12-02T10:00:00Z) (got "${value}")`,
    );
  };
}
