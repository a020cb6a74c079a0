import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

/** Env for a native stack on free ports and its own state dir, so tests never meet a user's stack. */
export async function isolatedStackEnv(): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-native-'));
  const url = async () => `http://127.0.0.1:${await freePort()}`;
  return {
    WORKSHOP_STATE_DIR: path.join(dir, 'state'),
    WORKSHOP_APP_URL: await url(),
    WORKSHOP_PROMETHEUS_URL: await url(),
    WORKSHOP_NODE_EXPORTER_URL: await url(),
    WORKSHOP_GRAFANA_URL: await url(),
    WORKSHOP_STATSD_URL: await url(),
    WORKSHOP_CADVISOR_URL: await url(),
    WORKSHOP_PROGRESS_URL: await url(),
  };
}

/**
 * A port below Linux's ephemeral range (32768 on), so that none of the thousands of client
 * connections of many stacks can take it between choosing it and binding it.
 */
let nextPort = 21_000 + (process.pid % 50) * 200;
export async function stablePort(): Promise<number> {
  for (;;) {
    const port = nextPort++;
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** As isolatedStackEnv, on stable ports: for tests and benchmarks that run many stacks at once. */
export async function stableStackEnv(): Promise<Record<string, string>> {
  const env = await isolatedStackEnv();
  for (const key of Object.keys(env).filter((k) => k.endsWith('_URL')))
    env[key] = `http://127.0.0.1:${await stablePort()}`;
  return env;
}

/** Fails unless the Prometheus at `url` is the build the test meant to run on. */
export async function expectBuild(url: string, build: { name: string; version: string }): Promise<void> {
  const r = await fetch(`${url}/api/v1/status/buildinfo`, { signal: AbortSignal.timeout(5_000) });
  const version = ((await r.json()) as { data?: { version?: string } }).data?.version ?? '';
  if (!version.startsWith(`${build.version}.`))
    throw new Error(`expected ${build.name} at ${url}, found Prometheus ${version || '(no version)'}`);
}

/**
 * Waits until Prometheus has scraped every active target after `sinceMs` and found it up (or,
 * with `health: 'down'`, found the target `job` down): instead of sleeping a scrape interval.
 */
export async function untilScraped(
  prometheusUrl: string,
  sinceMs: number,
  opts: { job?: string; health?: 'up' | 'down'; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let last = '';
  while (Date.now() < deadline) {
    const r = await fetch(`${prometheusUrl}/api/v1/targets?state=active`, {
      signal: AbortSignal.timeout(5_000),
    });
    const targets = ((await r.json()) as { data: { activeTargets: Target[] } }).data.activeTargets.filter(
      (t) => opts.job === undefined || t.labels.job === opts.job,
    );
    const done = targets.filter(
      (t) => Date.parse(t.lastScrape) > sinceMs && t.health === (opts.health ?? 'up'),
    );
    if (targets.length > 0 && done.length === targets.length) return;
    last = targets.map((t) => `${t.labels.job} ${t.health} at ${t.lastScrape}`).join('; ');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `Prometheus at ${prometheusUrl} did not scrape after ${new Date(sinceMs).toISOString()}: ${last}`,
  );
}
interface Target {
  labels: Record<string, string>;
  health: string;
  lastScrape: string;
}
