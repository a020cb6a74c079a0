import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { execa } from 'execa';
import type { ModeName } from '../cli/traffic/modes.js';
import { type Plan, planTraffic } from '../cli/traffic/plan.js';
import { seededRng } from '../cli/traffic/random.js';
import { type PlannedRequest, requestTarget } from '../cli/traffic/requests.js';
import type { TrafficSummary } from '../cli/traffic/summary.js';
import { renderTable } from '../cli/traffic/table.js';
import { startBuiltWebapp } from './lib/webapp-process.js';

// `npm run bench:traffic [-- --time-scale F] [--no-baseline]`: the generator's throughput, and the
// wall time of quick and demo next to the same requests sent the way generate_traffic.sh sends them.
// Generator and webapp share this machine's cores (and other work may use them too): the flood is
// measured in rounds, alternating with autocannon against the same server, and medians are shown,
// so the server's own ceiling at that moment is there to compare with.

const root = path.resolve(import.meta.dirname, '..');
const cliBin = path.join(root, 'cli/bin/workshop.js');

/** generate_traffic.sh timed on this machine type (2 cores), at time scale 1. */
const recorded = { quick: 117, demo: 128 } as const;
const goals = { floodPerSecond: 5_000, quick: 4, demo: 2.5 } as const;

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    'time-scale': { type: 'string', default: '1' },
    'no-baseline': { type: 'boolean', default: false },
    'flood-seconds': { type: 'string', default: '5' },
    'flood-concurrency': { type: 'string', default: '64' },
    'flood-rounds': { type: 'string', default: '4' },
    seed: { type: 'string', default: '1' },
  },
});
const timeScale = Number(args['time-scale']);
const seed = Number(args.seed);

/** Runs the built CLI as a user would; the time includes its start-up. */
async function runTraffic(appUrl: string, stateDir: string, argv: string[]) {
  const started = performance.now();
  const r = await execa(
    process.execPath,
    [cliBin, 'traffic', ...argv, '--json', '--base-url', appUrl, '--state-dir', stateDir],
    { reject: false },
  );
  if (r.exitCode !== 0)
    throw new Error(`workshop traffic ${argv.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
  return { summary: JSON.parse(r.stdout) as TrafficSummary, seconds: (performance.now() - started) / 1000 };
}

/** One step of generate_traffic.sh: a curl in the foreground or with `&`, a sleep, or a `wait`. */
type Step = { curl: PlannedRequest; background: boolean } | { sleepMs: number } | { wait: true };

/** The same requests as our plan, in the original's order and with its sleeps (scaled alike). */
function originalSteps(mode: 'quick' | 'demo', plan: Plan): Step[] {
  const batches = plan.phases.map((p) => (p.kind === 'paced' ? p.batches : []));
  const inBackground = (phase: PlannedRequest[][], sleepMs: number): Step[] => [
    ...phase.flatMap((batch) => [
      ...batch.map((curl) => ({ curl, background: true })),
      ...(sleepMs > 0 ? [{ sleepMs }] : []),
    ]),
    { wait: true },
  ];
  const oneByOne = (phase: PlannedRequest[][], sleepMs: number): Step[] =>
    phase.flat().flatMap((curl) => [{ curl, background: false }, { sleepMs }]);
  if (mode === 'quick') {
    // `sleep 0.$((RANDOM % 800 + 200))`-style: 200–999 ms after every request.
    const rng = seededRng(seed + 1);
    return (batches[0] ?? [])
      .flat()
      .flatMap((curl) => [{ curl, background: false }, { sleepMs: rng.int(200, 999) * timeScale }]);
  }
  const [steady = [], latency = [], errors = [], saturation = [], notFound = []] = batches;
  return [
    ...inBackground(steady, 1000 * timeScale),
    ...oneByOne(latency, 500 * timeScale),
    ...oneByOne(errors, 300 * timeScale),
    ...inBackground(saturation, 0),
    ...inBackground(notFound, 800 * timeScale),
  ];
}

/** Executes the steps with one `curl -s -o /dev/null` process per request, as the script does. */
async function runOriginal(appUrl: string, steps: Step[]): Promise<{ seconds: number; requests: number }> {
  const started = performance.now();
  let background: Promise<unknown>[] = [];
  let requests = 0;
  for (const step of steps) {
    if ('curl' in step) {
      requests++;
      const curl = execa('curl', ['-s', '-o', '/dev/null', `${appUrl}${requestTarget(step.curl)}`], {
        reject: false,
      });
      if (step.background) background.push(curl);
      else await curl;
    } else if ('sleepMs' in step) {
      await sleep(step.sleepMs);
    } else {
      await Promise.all(background);
      background = [];
    }
  }
  await Promise.all(background);
  return { seconds: (performance.now() - started) / 1000, requests };
}

function plan(mode: ModeName): Plan {
  return planTraffic(
    { mode, count: undefined, timeScale, floodPath: '/health', floodSeconds: 5, ratePerSecond: undefined },
    seededRng(seed),
  );
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `workshop traffic flood` against /health, and autocannon alike as the server's ceiling. */
async function floodRows(appUrl: string, stateDir: string): Promise<string[][]> {
  const seconds = Number(args['flood-seconds']);
  const connections = Number(args['flood-concurrency']);
  const ours: number[] = [];
  const reference: number[] = [];
  let failed = 0;
  const floodOurs = async () => {
    const flood = await runTraffic(appUrl, stateDir, [
      'flood',
      '--duration',
      String(seconds),
      '--concurrency',
      String(connections),
    ]);
    ours.push(flood.summary.totalRequests / flood.summary.wallSeconds);
    failed += flood.summary.rows.filter((r) => r.status !== 200).reduce((n, r) => n + r.count, 0);
  };
  const floodCannon = async () => {
    const cannon = await autocannon({ url: `${appUrl}/health`, connections, duration: seconds });
    reference.push(cannon.requests.total / (cannon.duration || seconds));
  };
  // Alternating who goes first, so a load that drifts weighs on both alike.
  for (let round = 0; round < Number(args['flood-rounds']); round++) {
    for (const flood of round % 2 === 0 ? [floodOurs, floodCannon] : [floodCannon, floodOurs]) await flood();
  }
  const perSecond = median(ours);
  const rate = (n: number) => `${Math.round(n).toLocaleString('en')} req/s`;
  return [
    [
      `flood /health, ${connections} in flight (median of ${ours.length} × ${seconds} s)`,
      `${rate(perSecond)} (${failed} not 200)`,
      '',
      `≥ ${rate(goals.floodPerSecond)}`,
      mark(perSecond >= goals.floodPerSecond && failed === 0),
    ],
    [
      `  autocannon, same server and connections`,
      rate(median(reference)),
      '',
      'the server’s ceiling here',
      '',
    ],
  ];
}

async function main(): Promise<void> {
  const webapp = await startBuiltWebapp({});
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'workshop-bench-traffic-'));
  const rows: string[][] = [];
  try {
    rows.push(...(await floodRows(webapp.url, stateDir)));
    for (const mode of ['quick', 'demo'] as const) {
      const ours = await runTraffic(webapp.url, stateDir, [
        mode,
        '--seed',
        String(seed),
        '--time-scale',
        String(timeScale),
      ]);
      let original: string;
      let originalSeconds: number | undefined;
      if (args['no-baseline']) {
        original = `${recorded[mode]} s (recorded, time scale 1)`;
        originalSeconds = timeScale === 1 ? recorded[mode] : undefined;
      } else {
        const baseline = await runOriginal(webapp.url, originalSteps(mode, plan(mode)));
        original = `${baseline.seconds.toFixed(1)} s (curl, measured, ${baseline.requests} requests)`;
        originalSeconds = baseline.seconds;
      }
      const speedup = originalSeconds === undefined ? undefined : originalSeconds / ours.seconds;
      rows.push([
        `${mode} (${ours.summary.totalRequests} requests), time scale ${timeScale}`,
        `${ours.seconds.toFixed(1)} s (run ${ours.summary.wallSeconds.toFixed(1)} s)`,
        original,
        `≥ ${goals[mode]}x: ${speedup === undefined ? 'n/a (recorded figures are at scale 1)' : `${speedup.toFixed(2)}x`}`,
        speedup === undefined ? '' : mark(speedup >= goals[mode]),
      ]);
    }
  } finally {
    await webapp.stop();
  }
  const cpus = os.cpus();
  console.log(
    `Traffic generator benchmark: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`,
  );
  console.log('');
  console.log(renderTable(['MEASURE', 'WORKSHOP TRAFFIC', 'ORIGINAL SCRIPT', 'GOAL', ''], rows).join('\n'));
}

await main();
