import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { nodeExec } from '../../cli/exec.js';
import { datasetEvaluator } from '../../cli/grading/equivalence.js';
import { PrometheusClient } from '../../cli/prometheus/client.js';
import { findBinary } from '../../cli/stack/binaries.js';
import {
  gradingPrometheusArgs,
  prepareGradingData,
  promtoolBeside,
} from '../../cli/stack/grading-prometheus.js';
import { freePort } from './free-port.js';

export interface GradingPrometheus {
  url: string;
  stop(): Promise<void>;
}

/**
 * The grading Prometheus as `up` starts it: the shipped dataset (or other OpenMetrics, such as a
 * recorded window) turned into blocks by the real promtool, served by the real prometheus
 * (installed by the test setup; missing = a loud failure).
 */
export async function startGradingPrometheus(openMetrics?: string): Promise<GradingPrometheus> {
  const bin = await findBinary('prometheus', process.env);
  if (!bin) throw new Error('prometheus is not installed: the grading tests need the real one');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-grading-'));
  await prepareGradingData(nodeExec, promtoolBeside(bin), dir, openMetrics);
  const port = await freePort();
  const child: ChildProcess = spawn(bin, gradingPrometheusArgs(dir, port), { stdio: 'ignore' });
  let gone = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      gone = true;
      resolve();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!gone) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    if (gone) throw new Error('the grading prometheus exited during start-up');
    if (
      await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the grading prometheus at ${url} was not ready after 30 s`);
}

/**
 * For a test file: a grading Prometheus on the shipped dataset, started before its tests and
 * stopped after them, and the dataset evaluator the graders are given (usable inside tests).
 */
export function gradingDatasetForFile(): ReturnType<typeof datasetEvaluator> {
  let grading: GradingPrometheus | undefined;
  let evaluate: ReturnType<typeof datasetEvaluator> | undefined;
  beforeAll(async () => {
    grading = await startGradingPrometheus();
    evaluate = datasetEvaluator(new PrometheusClient(grading.url, { timeoutMs: 10_000 }));
  }, 60_000);
  afterAll(() => grading?.stop());
  return (promql) => {
    if (!evaluate) throw new Error('the grading Prometheus is not started yet (use it inside a test)');
    return evaluate(promql);
  };
}
