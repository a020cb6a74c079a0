import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { type ServiceName, serviceNames, services } from './services.js';

export const backendNames = ['auto', 'compose', 'native'] as const;
export type BackendChoice = (typeof backendNames)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

export type StackUrls = Record<ServiceName, string>;

/** Flags shared by every command that talks to the stack (all optional). */
export interface StackFlags {
  backend?: string;
  stateDir?: string;
  appUrl?: string;
  prometheusUrl?: string;
  grafanaUrl?: string;
  nodeExporterUrl?: string;
  statsdUrl?: string;
  cadvisorUrl?: string;
  progressUrl?: string;
}

export interface StackConfig {
  backend: BackendChoice;
  stateDir: string;
  /** Never with credentials in them: those go to `grafanaLogin`. */
  urls: StackUrls;
  /** `http://user:password@host:3000` as the Grafana URL: used to log in, never printed. */
  grafanaLogin?: { user: string; password: string };
}

/** The env variable and flag that set each service's URL. */
export const urlSettings: Record<ServiceName, { env: string; flag: keyof StackFlags }> = {
  webapp: { env: 'WORKSHOP_APP_URL', flag: 'appUrl' },
  prometheus: { env: 'WORKSHOP_PROMETHEUS_URL', flag: 'prometheusUrl' },
  grafana: { env: 'WORKSHOP_GRAFANA_URL', flag: 'grafanaUrl' },
  'node-exporter': { env: 'WORKSHOP_NODE_EXPORTER_URL', flag: 'nodeExporterUrl' },
  statsd: { env: 'WORKSHOP_STATSD_URL', flag: 'statsdUrl' },
  cadvisor: { env: 'WORKSHOP_CADVISOR_URL', flag: 'cadvisorUrl' },
  progress: { env: 'WORKSHOP_PROGRESS_URL', flag: 'progressUrl' },
};

/** How to move a service to another port: its own flag and env variable (native: on loopback). */
export function moveServiceHint(service: ServiceName, port: number): string {
  const { flag, env } = urlSettings[service];
  const example = `http://127.0.0.1:${port + 1}`;
  return `move ${service} with --${kebab(flag)} ${example} (or ${env}=${example})`;
}

/** A URL for a message: any password in it masked. */
export function redactUrl(raw: string): string {
  // Also without a scheme: `user:password@host:9095` is a login too.
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@\s]*@/i, '$1***@');
}

/** A service URL from a flag, env or the state file: http(s), a valid port, credentials only for Grafana. */
function parseServiceUrl(
  raw: string,
  source: string,
  service: ServiceName,
): { url: string; login?: { user: string; password: string } } {
  const shown = redactUrl(raw);
  const port = raw.match(/^[a-z]+:\/\/(?:[^/@]*@)?[^/:]+:(\d+)/i)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    throw new UsageError(`${source}: "${shown}" has port ${port}, which is out of range (1–65535)`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `${source}: "${shown}" must be an http:// or https:// URL, such as ${defaultUrl(service)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(
      `${source}: "${shown}" must be an http:// or https:// URL, such as ${defaultUrl(service)}`,
    );
  let login: { user: string; password: string } | undefined;
  if (url.username || url.password) {
    if (service !== 'grafana')
      throw new UsageError(
        `${source}: "${shown}" has credentials in it, which only the Grafana URL may carry`,
      );
    login = { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    url.username = '';
    url.password = '';
  }
  const text = url.toString().replace(/\/+$/, '');
  return login ? { url: text, login } : { url: text };
}

export function defaultUrl(name: ServiceName): string {
  // The workshop text's addresses.
  return `http://localhost:${services[name].port}`;
}

/**
 * Resolves where the stack is: a flag wins over the environment, which wins over
 * what `workshop up` recorded, which wins over the workshop's defaults.
 */
export function resolveStackConfig(
  flags: StackFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
  recorded?: { backend?: BackendName; urls?: Partial<StackUrls> },
): StackConfig {
  const backendRaw = flags.backend ?? env.WORKSHOP_BACKEND ?? 'auto';
  const backend = z.enum(backendNames).safeParse(backendRaw);
  if (!backend.success) {
    throw new UsageError(`unknown backend "${backendRaw}"`, `use one of: ${backendNames.join(', ')}`);
  }
  const urls = {} as StackUrls;
  let grafanaLogin: StackConfig['grafanaLogin'];
  for (const name of serviceNames) {
    const { env: envName, flag } = urlSettings[name];
    const [source, raw] =
      flags[flag] !== undefined
        ? [`--${kebab(flag)}`, flags[flag]]
        : env[envName]
          ? [envName, env[envName]]
          : ['default', recorded?.urls?.[name] ?? defaultUrl(name)];
    const parsed = parseServiceUrl(raw as string, source, name);
    urls[name] = parsed.url;
    if (parsed.login) grafanaLogin = parsed.login;
  }
  const stateDir = resolveStateDir(flags, env, cwd);
  return { backend: backend.data, stateDir, urls, ...(grafanaLogin ? { grafanaLogin } : {}) };
}

/** The state dir: flag, then env, then `.workshop`; known before what it records is read. */
export function resolveStateDir(
  flags: Pick<StackFlags, 'stateDir'>,
  env: NodeJS.ProcessEnv,
  cwd: string,
): string {
  const stateDirRaw = flags.stateDir ?? env.WORKSHOP_STATE_DIR ?? '.workshop';
  // An empty path is the current folder: never a state dir that `down --volumes` would delete.
  if (stateDirRaw.trim() === '')
    throw new UsageError(
      `${flags.stateDir !== undefined ? '--state-dir' : 'WORKSHOP_STATE_DIR'} is empty`,
      'name a folder for the stack, such as .workshop (the default when neither is set)',
    );
  return path.resolve(cwd, stateDirRaw);
}

export function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
