// Time from `workshop up --backend native` to every Prometheus target up, then `down`.
// Run with `npm run bench:up` (builds first). Uses free ports and its own state dir.
import { performance } from 'node:perf_hooks';
import { isolatedStackEnv } from '../test/helpers/native-stack.js';
import { runCli } from '../test/helpers/run-cli.js';

const runs = Number(process.argv[2] ?? 3);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const env = await isolatedStackEnv();
  const t0 = performance.now();
  const up = await runCli(['up', '--backend', 'native'], { env, timeoutMs: 180_000 });
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await runCli(['down', '--volumes'], { env });
  const downSeconds = (performance.now() - t1) / 1000;
  if (up.exitCode !== 0) {
    process.stderr.write(up.stderr);
    process.exit(1);
  }
  times.push(seconds);
  console.log(`run ${i + 1}: up → all targets up ${seconds.toFixed(2)} s, down ${downSeconds.toFixed(2)} s`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log('');
console.log(`workshop up --backend native → all targets up (${runs} runs)`);
console.log(
  `  min ${sorted[0]?.toFixed(2)} s   median ${sorted[Math.floor(runs / 2)]?.toFixed(2)} s   max ${sorted.at(-1)?.toFixed(2)} s`,
);
console.log('  goal: under 5 s; the original compose stack needs at least ~90 s (30 s healthcheck ticks)');
