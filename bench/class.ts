// A class, measured. Run with `npm run bench:class`.
// - the cost of one progress-exporter grading (goal ≤ 50 ms) and of a cached probe;
// - a learner's verdict to the board: query in their Prometheus → pass in the board's JSON
//   (goal ≤ 2 scrape intervals of the federation, 2 × 2 s);
// - the instructor's Prometheus (memory, scrape time, the class query) for 20, 50 and 100
//   learners. 20 are real learner stacks (Prometheus, webapp, node-exporter, progress exporter);
//   the 50 and 100 are simulated: one HTTP server answers /federate for every simulated learner
//   with the body a real learner's Prometheus gave, its learner label and timestamps rewritten,
//   because 100 real stacks (about 400 processes) do not fit two cores.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { readClass } from '../cli/class/read-class.js';
import { httpRequest } from '../cli/http/fetch-json.js';
import { stablePort, stableStackEnv } from '../test/helpers/native-stack.js';
import { root, runCli } from '../test/helpers/run-cli.js';

const realLearners = 20;
const sizes = [20, 50, 100];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const must = async (args: string[], env?: Record<string, string>) => {
  const r = await runCli(args, { ...(env ? { env } : {}), timeoutMs: 180_000 });
  if (r.exitCode !== 0) throw new Error(`workshop ${args.join(' ')}: ${r.stderr}`);
  return r;
};
const promQuery = async (base: string, q: string) => {
  const r = (await (await fetch(`${base}/api/v1/query?${new URLSearchParams({ query: q })}`)).json()) as {
    data: { result: { value: [number, string] }[] };
  };
  return Number(r.data.result[0]?.value[1] ?? Number.NaN);
};
const rssMb = async (pid: number) =>
  Number((await readFile(`/proc/${pid}/status`, 'utf8')).match(/VmRSS:\s+(\d+)/)?.[1]) / 1024;

const base = await mkdtemp(path.join(os.tmpdir(), 'workshop-bench-class-'));
const learners: { name: string; env: Record<string, string> }[] = [];
for (let i = 0; i < realLearners; i++)
  learners.push({ name: `learner-${String(i + 1).padStart(2, '0')}`, env: await stableStackEnv() });

// The simulated learners: the federate body of learner-01, per learner, stamped now.
let template = '';
const sim = createServer((req, res) => {
  const name = decodeURIComponent(req.url?.split('/')[1] ?? 'sim');
  const now = Date.now();
  res.setHeader('Content-Type', 'text/plain; version=0.0.4');
  res.end(
    template.replaceAll('learner="learner-01"', `learner="${name}"`).replace(/ (\d{13})$/gm, ` ${now}`),
  );
});
await new Promise<void>((r) => sim.listen(0, '127.0.0.1', r));
const simUrl = `http://127.0.0.1:${(sim.address() as AddressInfo).port}`;

const lines: string[] = [];
try {
  for (let i = 0; i < learners.length; i += 4)
    await Promise.all(
      learners.slice(i, i + 4).map((l) => must(['up', '--backend', 'native', '--learner', l.name], l.env)),
    );
  const first = learners[0] as (typeof learners)[number];
  const prom1 = first.env.WORKSHOP_PROMETHEUS_URL as string;
  await fetch(
    `${prom1}/api/v1/query?${new URLSearchParams({ query: 'flask_http_request_duration_seconds_count' })}`,
  );
  await sleep(20_000); // the learner's Prometheus probes the exporter every second

  // 1. The progress exporter's cost.
  const own = await (await fetch(`${first.env.WORKSHOP_PROGRESS_URL}/metrics`)).text();
  const sum = (metric: string) =>
    [...own.matchAll(new RegExp(`^${metric}\\{exercise="exercise-1"\\} ([\\d.e+-]+)$`, 'gm'))].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  const perGrading =
    (sum('workshop_exporter_grading_seconds_total') / sum('workshop_exporter_gradings_total')) * 1000;
  const cached: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await (await fetch(`${first.env.WORKSHOP_PROGRESS_URL}/probe?module=exercise-1`)).text();
    cached.push(performance.now() - t0);
  }
  cached.sort((a, b) => a - b);
  lines.push(
    `progress exporter: one grading of exercise-1 ${perGrading.toFixed(1)} ms (mean over ${sum('workshop_exporter_gradings_total')} scrapes)   goal: ≤ 50 ms`,
    `progress exporter: a probe within the cache time, median ${cached[25]?.toFixed(1)} ms`,
  );
  template = await (
    await fetch(`${prom1}/federate?${new URLSearchParams({ 'match[]': '{__name__=~"workshop_.*"}' })}`)
  ).text();

  for (const size of sizes) {
    const dir = path.join(base, `class-${size}`);
    const roster = {
      learners: Array.from({ length: size }, (_, i) =>
        i < realLearners && size === realLearners
          ? {
              name: learners[i]?.name as string,
              prometheus: learners[i]?.env.WORKSHOP_PROMETHEUS_URL as string,
            }
          : { name: `sim-${i}`, prometheus: `${simUrl}/sim-${i}` },
      ),
    };
    await writeFile(path.join(base, `roster-${size}.yaml`), stringify(roster));
    await must(['class', 'init', '--roster', path.join(base, `roster-${size}.yaml`), '--dir', dir]);
    const port = await stablePort();
    await must(['class', 'up', '--dir', dir, '--port', String(port)]);
    const classUrl = `http://127.0.0.1:${port}`;
    try {
      await sleep(30_000);
      const state = JSON.parse(await readFile(path.join(dir, 'stack.json'), 'utf8'));
      const rss = await rssMb(state.processes.prometheus.pid);
      const scrapeMean = await promQuery(classUrl, 'avg(scrape_duration_seconds{job="workshop-class"})');
      const scrapeMax = await promQuery(classUrl, 'max(scrape_duration_seconds{job="workshop-class"})');
      const tsdb = (await (await fetch(`${classUrl}/api/v1/status/tsdb`)).json()) as {
        data: { headStats: { numSeries: number } };
      };
      const series = tsdb.data.headStats.numSeries;
      const t0 = performance.now();
      await readClass({ prometheusUrl: classUrl, http: httpRequest, roster, nowMs: Date.now() });
      const readMs = performance.now() - t0;
      lines.push(
        `instructor Prometheus, ${size} learners (${size === realLearners ? 'real' : 'simulated'}): RSS ${rss.toFixed(0)} MB, ${series} head series, federation scrape mean ${(scrapeMean * 1000).toFixed(1)} ms / max ${(scrapeMax * 1000).toFixed(1)} ms, class query + targets ${readMs.toFixed(0)} ms`,
      );

      if (size === realLearners) {
        // 2. Verdict to the board, for five learners, one after the other.
        const board = execa(
          process.execPath,
          [
            path.join(root, 'cli/bin/workshop.js'),
            'class',
            'board',
            '--dir',
            dir,
            '--port',
            String(await stablePort()),
          ],
          {
            reject: false,
            env: { NO_COLOR: '1' },
          },
        );
        let boardUrl = '';
        board.stdout?.on('data', (d: Buffer) => {
          boardUrl ||= String(d).match(/on (http:\/\/\S+)/)?.[1] ?? '';
        });
        while (!boardUrl) await sleep(50);
        const latencies: number[] = [];
        for (const l of learners.slice(1, 6)) {
          const t0 = performance.now();
          await fetch(
            `${l.env.WORKSHOP_PROMETHEUS_URL}/api/v1/query?${new URLSearchParams({ query: 'rate(flask_http_request_duration_seconds_count[5m])' })}`,
          );
          for (;;) {
            const grid = (await (await fetch(`${boardUrl}grid.json`)).json()) as {
              learners: { name: string; states: Record<string, string> }[];
            };
            if (grid.learners.find((r) => r.name === l.name)?.states['exercise-1/A/4'] === 'pass') break;
            await sleep(100);
          }
          latencies.push(performance.now() - t0);
        }
        board.kill('SIGTERM');
        await board;
        latencies.sort((a, b) => a - b);
        lines.push(
          `verdict → board: median ${(latencies[2] ?? 0).toFixed(0)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms over 5 learners   goal: ≤ 4000 ms (2 federation scrape intervals)`,
        );
      }
    } finally {
      await runCli(['class', 'down', '--dir', dir]);
    }
  }
} finally {
  sim.close();
  for (const l of learners) await runCli(['down', '--volumes'], { env: l.env });
}
for (const line of lines) console.log(line);
