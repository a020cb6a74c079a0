// End-to-end wall time of `workshop smoke --backend native`, and of each phase.
// Run with `npm run bench:smoke`. Uses free ports and its own state dir.
import { performance } from 'node:perf_hooks';
import { isolatedStackEnv } from '../test/helpers/native-stack.js';
import { runCli } from '../test/helpers/run-cli.js';

const runs = Number(process.argv[2] ?? 3);
const totals: number[] = [];
for (let i = 0; i < runs; i++) {
  const env = await isolatedStackEnv();
  const t0 = performance.now();
  const r = await runCli(['smoke', '--backend', 'native', '--json'], { env, timeoutMs: 180_000 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.exitCode !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  const phases = (JSON.parse(r.stdout).phases as { name: string; seconds: number }[]).map(
    (p) => `${p.name} ${p.seconds.toFixed(1)} s`,
  );
  totals.push(seconds);
  console.log(`run ${i + 1}: ${seconds.toFixed(1)} s  (${phases.join(', ')})`);
}
totals.sort((a, b) => a - b);
console.log(
  `\nworkshop smoke --backend native: median ${totals[Math.floor(runs / 2)]?.toFixed(1)} s over ${runs} runs`,
);
console.log(
  'goal: under 20 s; the original needs minutes to start and 2–2.5 min of quick traffic, then checks by hand',
);
