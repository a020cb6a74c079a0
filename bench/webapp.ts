// Throughput, latency, scrape time and memory of the built webapp, with and without instrumentation.
// Run with `npm run bench:webapp` (builds first). Client and server share this machine's cores, which
// other work may be using too: the two servers run side by side and are measured in alternation
// (on, off, off, on; several rounds) and the median run is reported, so a busy moment does not land on
// one side only.
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { startBuiltWebapp, type WebappProcess } from './lib/webapp-process.js';

const connections = 16;
const warmupSeconds = 2;
const measureSeconds = 3;
const rounds = 4;
const requestsBeforeScrape = 50_000;
const scrapes = 11;
const endpoints = ['/', '/health'] as const;
type Endpoint = (typeof endpoints)[number];

interface Side {
  name: 'on' | 'off';
  server: WebappProcess;
  requests: number;
  runs: Record<Endpoint, { rps: number; p99: number; cpuUsPerRequest: number }[]>;
}

async function load(side: Side, path: string, opts: { duration?: number; amount?: number }) {
  const url = `${side.server.url}${path}`;
  const result = await autocannon({ url, connections, ...opts });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${url}: ${failures} failed requests`);
  side.requests += result.requests.total;
  return result;
}

async function medianScrapeMs(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < scrapes; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    await res.text();
    if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The Flask original measured side by side: 32–33 MB idle and after load. */
const rssGoalMb = 1.5 * 33;

const sides: Side[] = [];
try {
  for (const name of ['on', 'off'] as const) {
    const server = await startBuiltWebapp({ WEBAPP_INSTRUMENTATION: name });
    sides.push({ name, server, requests: 0, runs: { '/': [], '/health': [] } });
  }
  await sleep(1_000); // let startup garbage settle before reading the idle footprint
  const idleRss = await Promise.all(sides.map((s) => s.server.rssMb()));
  const loadAtStart = loadavg()[0] ?? 0;
  for (const side of sides) for (const path of endpoints) await load(side, path, { duration: warmupSeconds });
  for (let round = 0; round < rounds; round++) {
    for (const path of endpoints) {
      // on, off, off, on: a load that drifts during the round weighs on both sides alike.
      for (const side of [...sides, ...[...sides].reverse()]) {
        const cpuBefore = await side.server.cpuSeconds();
        const result = await load(side, path, { duration: measureSeconds });
        const cpuUsPerRequest =
          (((await side.server.cpuSeconds()) - cpuBefore) * 1e6) / result.requests.total;
        side.runs[path].push({ rps: result.requests.average, p99: result.latency.p99, cpuUsPerRequest });
      }
    }
  }
  for (const side of sides) {
    if (side.requests < requestsBeforeScrape)
      await load(side, '/', { amount: requestsBeforeScrape - side.requests });
  }
  const [on, off] = sides;
  if (!on || !off) throw new Error('both servers must be running');
  const scrapeMs = await medianScrapeMs(on.server.url);
  const loadedRss = await Promise.all(sides.map((s) => s.server.rssMb()));
  // Saturation bursts: 8 × 59 MB held for a second, then given back.
  const burstRss = await Promise.all(
    sides.map(async (s) => {
      await Promise.all(
        Array.from({ length: 8 }, () => fetch(`${s.server.url}/memory-usage?size=59`).then((r) => r.text())),
      );
      await sleep(2_000);
      return s.server.rssMb();
    }),
  );
  const exitCodes = await Promise.all(sides.map((s) => s.server.stop()));

  const rps = (side: Side, path: Endpoint) => median(side.runs[path].map((r) => r.rps));
  const p99 = (side: Side, path: Endpoint) => median(side.runs[path].map((r) => r.p99));
  const cpu = (side: Side, path: Endpoint) => median(side.runs[path].map((r) => r.cpuUsPerRequest));
  const cost = (path: Endpoint) => ((rps(off, path) - rps(on, path)) / rps(off, path)) * 100;
  const cpuCost = (path: Endpoint) => ((cpu(on, path) - cpu(off, path)) / cpu(off, path)) * 100;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const f = (n: number | undefined, digits = 0) => (n === undefined ? 'n/a' : n.toFixed(digits));

  const rows: string[][] = [
    ['', 'instrumented', 'WEBAPP_INSTRUMENTATION=off', 'goal'],
    [
      'GET /  req/s',
      f(rps(on, '/')),
      f(rps(off, '/')),
      `≥ 6,000 (5x Flask ~1,200): ${verdict(rps(on, '/') >= 6000)}`,
    ],
    ['GET /  p99 ms', f(p99(on, '/'), 1), f(p99(off, '/'), 1), 'Flask ~20 ms'],
    [
      'GET /health  req/s',
      f(rps(on, '/health')),
      f(rps(off, '/health')),
      `≥ 6,500 (5x Flask ~1,300): ${verdict(rps(on, '/health') >= 6500)}`,
    ],
    ['GET /health  p99 ms', f(p99(on, '/health'), 1), f(p99(off, '/health'), 1), 'Flask ~20 ms'],
    ['GET /  server CPU µs/request', f(cpu(on, '/')), f(cpu(off, '/')), ''],
    ['GET /health  server CPU µs/request', f(cpu(on, '/health')), f(cpu(off, '/health')), ''],
    [`/metrics ms (median of ${scrapes}, after ${on.requests} req)`, f(scrapeMs, 2), 'n/a', 'Flask ~3 ms'],
    [
      'idle RSS MB',
      f(idleRss[0], 1),
      f(idleRss[1], 1),
      `≤ ${rssGoalMb} MB (1.5 × Flask's 33): ${verdict((idleRss[0] ?? 0) <= rssGoalMb)}`,
    ],
    [
      'RSS after load MB',
      f(loadedRss[0], 1),
      f(loadedRss[1], 1),
      `≤ ${rssGoalMb} MB: ${verdict((loadedRss[0] ?? 0) <= rssGoalMb)}`,
    ],
    [
      'RSS 2 s after 8 × /memory-usage?size=59',
      f(burstRss[0], 1),
      f(burstRss[1], 1),
      `back near idle (≤ idle + 20 MB): ${verdict((burstRss[0] ?? 0) <= (idleRss[0] ?? 0) + 20)}`,
    ],
    ['exit code on SIGTERM', String(exitCodes[0]), String(exitCodes[1]), '0'],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  console.log(
    `\nwebapp benchmark: ${connections} connections, ${rounds} rounds of on/off/off/on runs of ${measureSeconds} s ` +
      `per endpoint (median run shown) after ${warmupSeconds} s warm-up; ${availableParallelism()} ` +
      `cores shared by client and server; load average ${loadAtStart.toFixed(2)} at start\n`,
  );
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('   '));
  console.log(
    `\ninstrumentation cost: ${cost('/').toFixed(1)}% of throughput on /, ${cost('/health').toFixed(1)}% on /health ` +
      `(goal ≤ 10%: ${verdict(Math.max(cost('/'), cost('/health')) <= 10)})`,
  );
  // Throughput moves with whatever else runs on the shared cores; CPU per request much less so.
  console.log(
    `server CPU per request: +${cpuCost('/').toFixed(1)}% on /, +${cpuCost('/health').toFixed(1)}% on /health ` +
      `(the same cost measured in CPU time, which other load on the machine disturbs less)`,
  );
  for (const path of endpoints) {
    const each = (side: Side) => side.runs[path].map((r) => r.rps.toFixed(0)).join(', ');
    console.log(`  rounds ${path}: instrumented ${each(on)}; off ${each(off)}`);
  }
} finally {
  await Promise.all(sides.map((s) => s.server.stop()));
}
