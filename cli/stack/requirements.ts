import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { Exec } from '../exec.js';
import { type BinaryName, binaries, findBinary } from './binaries.js';
import { composeGradingUrl, composeV2Hint, findCompose } from './compose.js';
import { type BackendName, moveServiceHint, type StackUrls } from './config.js';
import { portOf } from './native-plan.js';
import { findPortHolder, isPortFree, type Protocol } from './ports.js';
import type { ServiceName } from './services.js';

export interface Requirement {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do when it is not met. */
  fix?: string;
  /** Informational items never make the machine "not ready". */
  optional?: boolean;
  /** A port item: the service of the stack that will listen there. */
  service?: string;
}

/** The ports a backend's stack listens on: the workshop's, or those the URL flags chose. */
export function stackPorts(
  backend: BackendName,
  urls: StackUrls,
): { service: string; port: number; protocol: Protocol }[] {
  const tcp = (s: ServiceName) => ({ service: s, port: portOf(urls[s]), protocol: 'tcp' as const });
  if (backend === 'native') return (['webapp', 'prometheus', 'node-exporter', 'progress'] as const).map(tcp);
  return [
    ...(['grafana', 'webapp', 'cadvisor', 'prometheus', 'node-exporter', 'statsd', 'progress'] as const).map(
      tcp,
    ),
    // Published by docker-compose.yml whatever the URL flags say.
    { service: 'statsd', port: 9125, protocol: 'udp' },
    { service: 'grading', port: portOf(composeGradingUrl), protocol: 'tcp' },
  ];
}

const GB = 1024 ** 3;
/** The original workshop's stated minimums for the compose stack. */
const minMemoryGb = 6;
const minDiskGb = 15;

/** Host requirements for a backend, checked without starting anything. */
export async function checkRequirements(
  backend: BackendName,
  exec: Exec,
  env: NodeJS.ProcessEnv,
  cwd: string,
  urls: StackUrls,
): Promise<Requirement[]> {
  const items: Requirement[] = [];
  if (backend === 'compose') {
    const engine = await exec('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 });
    items.push(
      engine.exitCode === 0
        ? { name: 'Docker engine', ok: true, detail: engine.stdout.trim() }
        : {
            name: 'Docker engine',
            ok: false,
            detail: firstLine(engine.stderr) || 'not answering',
            fix: 'start Docker (Docker Desktop, or `sudo systemctl start docker`), or use --backend native',
          },
    );
    const compose = await findCompose(exec);
    items.push(
      'missing' in compose
        ? { name: 'Docker Compose v2', ok: false, detail: compose.missing, fix: composeV2Hint }
        : {
            name: 'Docker Compose v2',
            ok: true,
            detail: `${compose.command} ${compose.prefix.join(' ')} ${compose.version}`.replace('  ', ' '),
          },
    );
    const memory = os.totalmem() / GB;
    items.push({
      name: 'memory',
      ok: memory >= minMemoryGb,
      detail: `${memory.toFixed(1)} GB`,
      fix: `the stack needs at least ${minMemoryGb} GB of RAM`,
    });
    const disk = await statfs(cwd).then(
      (s) => (s.bavail * s.bsize) / GB,
      () => Number.NaN,
    );
    items.push({
      name: 'free disk',
      ok: disk >= minDiskGb,
      detail: `${disk.toFixed(1)} GB free`,
      fix: `free at least ${minDiskGb} GB (images and volumes)`,
    });
  } else {
    for (const name of ['prometheus', 'node-exporter', 'grafana', 'statsd'] as BinaryName[]) {
      const optional = name === 'grafana' || name === 'statsd';
      const bin = await findBinary(name, env);
      const out = bin ? await exec(bin, ['--version'], { timeoutMs: 10_000 }) : undefined;
      // Some print their version on stderr (node_exporter), some on stdout.
      const version = out ? firstLine(`${out.stdout}\n${out.stderr}`.trim()) : '';
      items.push(
        bin
          ? { name, ok: true, detail: `${bin}${version ? ` (${version})` : ''}`, optional }
          : { name, ok: false, detail: 'not found', fix: binaries[name].howToGet, optional },
      );
    }
  }
  for (const { service, port, protocol } of stackPorts(backend, urls)) {
    const free = await isPortFree(port, '127.0.0.1', protocol);
    const holder = free ? undefined : await findPortHolder(port, protocol);
    const name = `port ${port}${protocol === 'udp' ? '/udp' : ''} (${service})`;
    items.push({
      name,
      service,
      ok: free,
      detail: free ? 'free' : `taken${holder ? ` by ${holder.command} (pid ${holder.pid})` : ''}`,
      fix:
        backend === 'compose'
          ? `stop what holds port ${port}`
          : `stop what holds port ${port}, or ${moveServiceHint(service as ServiceName, port)}`,
    });
  }
  return items;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
