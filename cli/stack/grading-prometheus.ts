import { rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { StackError } from '../errors.js';
import type { Exec } from '../exec.js';
import { ensureDir } from '../fs-safe.js';
import { workloadOpenMetrics } from '../grading/dataset/workload.js';

/**
 * The grading Prometheus: a private Prometheus serving only the discriminating dataset, where the
 * learner's queries and the exercise's are compared. It scrapes nothing and writes no query log,
 * so its queries never reach the learner's. Its blocks lie in 2026-01-01; retention counts from
 * the newest block, which is theirs, so they are never deleted (and the flag says so twice).
 */
export const gradingRetention = '100y';

/**
 * Writes the dataset (OpenMetrics: the discriminating one, or other fixed data such as a recorded
 * window) and an empty config into a fresh folder; returns the folder.
 */
export async function writeGradingDataset(dir: string, openMetrics = workloadOpenMetrics()): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await ensureDir(dir);
  await writeFile(path.join(dir, 'dataset.om'), openMetrics);
  await writeFile(path.join(dir, 'prometheus.yml'), 'global: {}\nscrape_configs: []\n');
  return dir;
}

/** Writes the dataset and turns it into TSDB blocks with promtool, in a fresh folder. */
export async function prepareGradingData(
  exec: Exec,
  promtool: string,
  dir: string,
  openMetrics?: string,
): Promise<string> {
  await writeGradingDataset(dir, openMetrics);
  const data = path.join(dir, 'data');
  await ensureDir(data);
  const source = path.join(dir, 'dataset.om');
  const r = await exec(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', source, data], {
    timeoutMs: 60_000,
  });
  if (r.exitCode !== 0)
    throw new StackError(
      `promtool could not build the grading data: ${(r.stderr || r.stdout).trim().slice(0, 400)}`,
    );
  return data;
}

/** The grading Prometheus's command line, listening on loopback only. */
export function gradingPrometheusArgs(dir: string, port: number): string[] {
  return [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${path.join(dir, 'data')}`,
    `--storage.tsdb.retention.time=${gradingRetention}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ];
}

/** promtool ships beside prometheus (Debian, the release tarballs, the prom/prometheus image). */
export const promtoolBeside = (prometheusBin: string) => path.join(path.dirname(prometheusBin), 'promtool');

/** A free loopback port, chosen by the kernel. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
