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
}

export interface StackConfig {
  backend: BackendChoice;
  stateDir: string;
  urls: StackUrls;
}

/** The env variable and flag that set each service's URL. */
export const urlSettings: Record<ServiceName, { env: string; flag: keyof StackFlags }> = {
  webapp: { env: 'WORKSHOP_APP_URL', flag: 'appUrl' },
  prometheus: { env: 'WORKSHOP_PROMETHEUS_URL', flag: 'prometheusUrl' },
  grafana: { env: 'WORKSHOP_GRAFANA_URL', flag: 'grafanaUrl' },
  'node-exporter': { env: 'WORKSHOP_NODE_EXPORTER_URL', flag: 'nodeExporterUrl' },
  statsd: { env: 'WORKSHOP_STATSD_URL', flag: 'statsdUrl' },
  cadvisor: { env: 'WORKSHOP_CADVISOR_URL', flag: 'cadvisorUrl' },
};

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));

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
  for (const name of serviceNames) {
    const { env: envName, flag } = urlSettings[name];
    const [source, raw] =
      flags[flag] !== undefined
        ? [`--${kebab(flag)}`, flags[flag]]
        : env[envName]
          ? [envName, env[envName]]
          : ['default', recorded?.urls?.[name] ?? defaultUrl(name)];
    const parsed = httpUrl.safeParse(raw);
    if (!parsed.success) throw new UsageError(`${source}: "${raw}" ${parsed.error.issues[0]?.message}`);
    urls[name] = parsed.data;
  }
  const stateDir = path.resolve(cwd, flags.stateDir ?? env.WORKSHOP_STATE_DIR ?? '.workshop');
  return { backend: backend.data, stateDir, urls };
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
