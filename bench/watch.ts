// How fast the learner's work is graded: the time from a query in the Prometheus UI to the line
// `workshop watch` prints for it (goal ≤ 1 s), and grading from a 10,000-line query log (goal
// ≤ 2 s, memory bounded: the reader streams). Run with `npm run bench:watch`.
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import type { Verdict } from '../cli/checks/verdict.js';
import { datasetEvaluator } from '../cli/grading/equivalence.js';
import { learnersOwn } from '../cli/grading/evidence/learner-queries.js';
import { gradeAttempts } from '../cli/grading/grade-attempts.js';
import { PrometheusClient } from '../cli/prometheus/client.js';
import { fileSource } from '../cli/querylog/source.js';
import { readAttempts, syncQueryLog } from '../cli/querylog/store.js';
import { readState } from '../cli/stack/state.js';
import { exerciseById } from '../exercises/registry.js';
import { isolatedStackEnv } from '../test/helpers/native-stack.js';
import { root, runCli } from '../test/helpers/run-cli.js';

const env = await isolatedStackEnv();
const must = async (args: string[]) => {
  const r = await runCli(args, { env, timeoutMs: 120_000 });
  if (r.exitCode !== 0) throw new Error(`workshop ${args.join(' ')}: ${r.stderr}`);
};
const queries = [
  'flask_http_request_duration_seconds_count',
  'rate(flask_http_request_duration_seconds_count[5m])',
  'sum(rate(flask_http_request_duration_seconds_count[5m]))',
  'flask_http_request_duration_seconds_bucket',
  'histogram_quantile(0.95, rate(flask_http_request_duration_seconds_bucket[5m]))',
];
try {
  await must(['up', '--backend', 'native']);
  await must(['traffic', 'quick', '--time-scale', '0.1', '--json']);
  const watch = execa(
    process.execPath,
    [path.join(root, 'cli', 'bin', 'workshop.js'), 'watch', 'exercise-1'],
    {
      env: { ...env, NO_COLOR: '1' },
      reject: false,
    },
  );
  let out = '';
  watch.stdout?.on('data', (c) => {
    out += String(c);
  });
  while (!out.includes('Ctrl-C stops')) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1_500)); // the first grading
  const latencies: number[] = [];
  for (const query of queries) {
    const before = out.length;
    const t0 = performance.now();
    await fetch(
      `${env.WORKSHOP_PROMETHEUS_URL}/api/v1/query?${new URLSearchParams({ query, time: String(Date.now() / 1000) })}`,
    );
    while (!out.slice(before).includes('passes')) await new Promise((r) => setImmediate(r));
    latencies.push(performance.now() - t0);
  }
  watch.kill('SIGINT');
  await watch;
  latencies.sort((a, b) => a - b);
  console.log(
    `query → watch line: median ${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms over ${latencies.length} queries   goal: ≤ 1000 ms`,
  );

  // A 10,000-line log, as 2.42 writes it, read from scratch.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-bench-qlog-'));
  const log = path.join(dir, 'queries.log');
  await writeFile(log, '');
  const line = (i: number) =>
    `${JSON.stringify({ httpRequest: { clientIP: '127.0.0.1', method: 'GET', path: '/api/v1/query' }, params: { end: new Date(Date.now() - i).toISOString(), query: `${queries[i % queries.length]} + ${i % 50}`, start: new Date(Date.now() - i).toISOString(), step: 0 }, stats: { timings: { evalTotalTime: 0.0005 }, samples: { totalQueryableSamples: 1080, peakSamples: 78 } }, ts: new Date().toISOString() })}\n`;
  for (let k = 0; k < 10; k++)
    await appendFile(log, Array.from({ length: 1000 }, (_, i) => line(k * 1000 + i)).join(''));
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const synced = await syncQueryLog(fileSource(log), path.join(dir, 'state'));
  const attempts = await readAttempts(path.join(dir, 'state'));
  const ms = performance.now() - t0;
  console.log(
    `10,000-line query log: read and kept ${synced.added.length} queries (${attempts.length} attempts) in ${ms.toFixed(0)} ms, RSS +${((process.memoryUsage().rss - rss0) / 1048576).toFixed(1)} MB   goal: ≤ 2000 ms, memory bounded`,
  );
  const entry = exerciseById('exercise-1');
  if (entry?.runner !== 'promql') throw new Error('exercise-1 is a PromQL exercise');
  const api = new PrometheusClient(env.WORKSHOP_PROMETHEUS_URL as string, { timeoutMs: 5_000 });
  const state = await readState(env.WORKSHOP_STATE_DIR as string);
  if (!state?.grading) throw new Error('the stack has no grading Prometheus');
  const deps = {
    dataset: datasetEvaluator(new PrometheusClient(state.grading.url, { timeoutMs: 10_000 })),
    learner: api,
    scrapeIntervalSeconds: 5,
    firstPasses: {},
    cache: new Map<string, Verdict>(),
    now: Date.now,
  };
  const own = learnersOwn(attempts);
  for (const round of ['cold', 'warm']) {
    const t1 = performance.now();
    const results = await gradeAttempts(entry.definition, own, deps);
    console.log(
      `grading Exercise 1 from those 10,000 attempts (${round}): ${(performance.now() - t1).toFixed(0)} ms (${results.filter((r) => r.status === 'pass').length} pass)   goal warm: ≤ 1000 ms`,
    );
  }
} finally {
  await runCli(['down', '--volumes'], { env });
}
