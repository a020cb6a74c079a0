import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (where package.json is), whether running from source or from dist/. */
export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json')) && existsSync(path.join(d, 'cli'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

/** The compiled webapp the native backend runs. */
export const webappEntry = path.join(projectRoot, 'dist', 'webapp', 'src', 'server.js');
export const composeFile = path.join(projectRoot, 'docker-compose.yml');
export const composePrometheusConfig = path.join(projectRoot, 'stack', 'prometheus', 'prometheus.yml');
export const statsdMappingFile = path.join(projectRoot, 'stack', 'statsd', 'mapping.yml');
/** The compiled CLI: what the native backend runs as the progress exporter. */
export const cliEntry = path.join(projectRoot, 'dist', 'cli', 'main.js');
