import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

async function waitReady(
  url: string,
  child: ChildProcess,
  gone: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error(`prometheus did not start (exit code ${child.exitCode})`);
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`prometheus at ${url} not ready after ${timeoutMs} ms`);
}

/**
 * A real `prometheus` (installed by the test setup) on a free loopback port, with a throw-away
 * config and TSDB directory. `scrapeSelf` makes it scrape itself (job "prometheus") every second.
 */
export async function startPrometheus(opts: { scrapeSelf?: boolean } = {}): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-prom-'));
  const config = path.join(dir, 'prometheus.yml');
  const port = await freePort();
  const jobs = opts.scrapeSelf
    ? `\n  - job_name: prometheus\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`
    : ' []\n';
  await writeFile(config, `global:\n  scrape_interval: 15s\nscrape_configs:${jobs}`);
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  let isGone = false;
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      isGone = true;
      resolve();
    };
    child.once('exit', done);
    child.once('error', done);
  });
  const stop = async () => {
    if (!isGone) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => isGone, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
