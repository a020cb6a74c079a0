import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

/** The real programs the native backend runs, where to find them and how to get them. */
export const binaries = {
  prometheus: {
    env: 'WORKSHOP_PROMETHEUS_BIN',
    names: ['prometheus'],
    howToGet:
      'Debian/Ubuntu: `sudo apt-get install prometheus prometheus-node-exporter`; elsewhere: https://prometheus.io/download/',
  },
  'node-exporter': {
    env: 'WORKSHOP_NODE_EXPORTER_BIN',
    names: ['prometheus-node-exporter', 'node_exporter'],
    howToGet:
      'Debian/Ubuntu: `sudo apt-get install prometheus-node-exporter`; elsewhere: https://prometheus.io/download/',
  },
  grafana: {
    env: 'WORKSHOP_GRAFANA_BIN',
    names: ['grafana', 'grafana-server'],
    howToGet: 'install Grafana OSS (https://grafana.com/grafana/download) or use the compose backend',
  },
  statsd: {
    env: 'WORKSHOP_STATSD_EXPORTER_BIN',
    names: ['statsd_exporter'],
    howToGet:
      'download statsd_exporter (https://github.com/prometheus/statsd_exporter/releases) or use the compose backend',
  },
} as const;
export type BinaryName = keyof typeof binaries;

/** An explicit path (flag or env) wins; otherwise the first of the known names on PATH. */
export async function findBinary(
  name: BinaryName,
  env: NodeJS.ProcessEnv,
  explicit?: string,
): Promise<string | undefined> {
  const given = explicit ?? env[binaries[name].env];
  if (given) return (await isExecutable(given)) ? path.resolve(given) : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const candidate of binaries[name].names) {
      const file = path.join(dir, candidate);
      if (await isExecutable(file)) return file;
    }
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
