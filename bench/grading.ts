// The grading core on a real native stack: (a) how long a verdict takes with 1,000 learner attempts
// in the query log, cold (nothing known yet) and warm (a watch round after one more query; goal
// ≤ 1 s); (b) how many lines our own graders add to the learner's query log while nothing happens
// (the progress exporter, probed every second, and two `workshop watch`; goal 0).
// Run with `npm run bench:grading [idle seconds, default 120]`.
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { learnersOwn } from '../cli/grading/evidence/learner-queries.js';
import { gradeAttempts } from '../cli/grading/grade-attempts.js';
import { gradingDeps, gradingMemory } from '../cli/grading/grading-session.js';
import { createNodeContext } from '../cli/node-context.js';
import { PrometheusClient } from '../cli/prometheus/client.js';
import { parseQueryLogLine } from '../cli/querylog/parse.js';
import { fileSource } from '../cli/querylog/source.js';
import { readAttempts, syncQueryLog } from '../cli/querylog/store.js';
import { openSession } from '../cli/session.js';
import { exercise1 } from '../exercises/exercise-1/exercise.js';
import { promqlExerciseSchema } from '../exercises/schema.js';
import { isolatedStackEnv } from '../test/helpers/native-stack.js';
import { root, runCli } from '../test/helpers/run-cli.js';

const idleSeconds = Number(process.argv[2] ?? 120);
const env = await isolatedStackEnv();
const must = async (args: string[]) => {
  const r = await runCli(args, { env, timeoutMs: 120_000 });
  if (r.exitCode !== 0) throw new Error(`workshop ${args.join(' ')}: ${r.stderr}`);
};
const exercise = promqlExerciseSchema.parse(exercise1);
const count = 'flask_http_request_duration_seconds_count';
const bucket = 'flask_http_request_duration_seconds_bucket';

/**
 * A learner's 1,000 queries over the last 50 minutes (3 s apart), as Prometheus 3.5.3 logs the
 * UI's Execute: every check's query with ten range windows, so a few hundred distinct texts.
 */
function learnerLog(count: number, endMs: number): string {
  const windows = ['1m', '2m', '3m', '5m', '10m', '15m', '30m', '1h', '2h', '300s'];
  return Array.from({ length: count }, (_, i) => {
    const check = exercise.checks[i % exercise.checks.length];
    const window = windows[Math.floor(i / exercise.checks.length) % windows.length] as string;
    const query = (check?.query ?? '').replaceAll('[5m]', `[${window}]`);
    const logged = endMs - (count - i) * 3_000;
    const at = new Date(logged - 60).toISOString();
    return `${JSON.stringify({
      time: new Date(logged).toISOString(),
      level: 'INFO',
      source: 'engine.go:662',
      msg: 'promql query logged',
      params: { end: at, query, start: at, step: 0 },
      httpRequest: { clientIP: '127.0.0.1', method: 'GET', path: '/api/v1/query' },
    })}\n`;
  }).join('');
}

try {
  await must(['up', '--backend', 'native']);
  await must(['traffic', 'quick', '--time-scale', '0.1', '--json']);
  const ctx = { ...createNodeContext(new AbortController().signal), env: { ...process.env, ...env } };
  const session = await openSession(ctx, {});
  const learner = new PrometheusClient(env.WORKSHOP_PROMETHEUS_URL as string, { timeoutMs: 5_000 });

  // (a) Verdict latency: what a watch round does (read the log, keep the learner's own, grade).
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-bench-grading-'));
  const log = path.join(dir, 'queries.log');
  await writeFile(log, learnerLog(1_000, Date.now()));
  const memory = gradingMemory();
  const round = async () => {
    const t0 = performance.now();
    await syncQueryLog(fileSource(log), path.join(dir, 'state'));
    const own = learnersOwn(await readAttempts(path.join(dir, 'state')));
    const results = await gradeAttempts(exercise, own, gradingDeps(session, learner, {}, memory));
    return { ms: performance.now() - t0, own: own.length, results };
  };
  const cold = await round();
  const distinct = new Set((await readAttempts(path.join(dir, 'state'))).map((a) => a.query)).size;
  const tally = (s: string) => cold.results.filter((r) => r.status === s).length;
  console.log(
    `1,000 attempts in the query log (${distinct} distinct, ${cold.own} the learner's own): ${tally('pass')} pass, ${tally('fail')} fail, ${tally('unchecked')} unchecked`,
  );
  console.log(`verdicts, cold: ${cold.ms.toFixed(0)} ms`);
  const warm = await round();
  console.log(`verdicts, warm (same log): ${warm.ms.toFixed(0)} ms   target: ≤ 1000 ms`);
  await appendFile(log, learnerLog(1, Date.now()).replace('[', '[7'));
  const next = await round();
  console.log(`verdicts, warm (one more query): ${next.ms.toFixed(0)} ms   target: ≤ 1000 ms`);

  // (b) Query-log growth from our own graders while the learner does nothing, after a few
  // attempts of every kind (right, near misses, a typo that returns nothing, the Graph tab).
  for (const [query, graph] of [
    [count, false],
    [`rate(${count}[5m])`, true],
    [`sum(rate(${count}[5m])) by (path)`, false],
    [`histogram_quantile(0.95, sum by (path) (rate(${bucket}[5m])))`, false],
    [`rate(${count}{statuz=~"4..|5.."}[5m])`, false],
    [`sum by (status) (rate(${count}{status=~"[45].."}[5m]))`, false],
  ] satisfies [string, boolean][]) {
    await sleep(2_700); // seconds apart, as people type
    const now = Date.now() / 1000;
    const params: Record<string, string> = graph
      ? { query, start: String(now - 3600), end: String(now), step: '14' }
      : { query, time: String(now) };
    await fetch(
      `${env.WORKSHOP_PROMETHEUS_URL}/api/v1/query${graph ? '_range' : ''}?${new URLSearchParams(params)}`,
    );
  }
  const workshop = path.join(root, 'cli', 'bin', 'workshop.js');
  const watches = [0, 1].map(() =>
    execa(process.execPath, [workshop, 'watch', 'exercise-1'], {
      env: { ...env, NO_COLOR: '1' },
      reject: false,
    }),
  );
  const queryLog = session.state?.queryLog;
  if (queryLog?.kind !== 'file') throw new Error('the native stack has no query log file');
  const lines = async () => (await readFile(queryLog.path, 'utf8')).split('\n').filter(Boolean);
  const oursIn = (some: string[]) =>
    some.filter((l) => {
      const p = parseQueryLogLine(l);
      return p.kind === 'ignored' && p.why === "workshop's own query";
    });
  const start = (await lines()).length;
  await sleep(20_000); // both watches and the exporter have graded everything once
  const before = (await lines()).length;
  console.log(
    `query log while the two watches first graded them (20 s): ${oursIn((await lines()).slice(start, before)).length} lines from our graders`,
  );
  await sleep(idleSeconds * 1000);
  const added = (await lines()).slice(before);
  for (const w of watches) w.kill('SIGINT');
  await Promise.all(watches);
  const ours = oursIn(added);
  console.log(
    `query log over ${idleSeconds} idle s (exporter + 2 watches, 6 learner queries graded): ${added.length} new lines, ${ours.length} from our graders   target: 0`,
  );
  for (const l of ours.slice(0, 5)) console.log(`  e.g. ${JSON.parse(l).params.query.split('\n')[0]}`);
} finally {
  await runCli(['down', '--volumes'], { env });
}
