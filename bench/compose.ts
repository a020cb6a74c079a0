// The compose backend on local images (test/compose: Prometheus 3.5 and cAdvisor from Debian's
// packages, Grafana and statsd-exporter stand-ins): `up` to every service healthy, and `smoke`,
// each beside the native backend's figure. Needs root, like `npm run test:compose`.
// Run with `npm run bench:compose [runs]`.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareComposeE2e } from '../test/compose/prepare.js';
import { isolatedStackEnv } from '../test/helpers/native-stack.js';
import { runCli } from '../test/helpers/run-cli.js';

const runs = Number(process.argv[2] ?? 1);
const e2e = await prepareComposeE2e((m) => process.stderr.write(`${m}\n`));

async function timed(args: string[], env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const r = await runCli(args, { env, timeoutMs: 900_000 });
  if (r.exitCode !== 0) {
    process.stderr.write(`workshop ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}\n`);
    await e2e.stop();
    process.exit(1);
  }
  return (performance.now() - t0) / 1000;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]?.toFixed(1);

const figures = {
  composeUp: [] as number[],
  composeSmoke: [] as number[],
  nativeUp: [] as number[],
  nativeSmoke: [] as number[],
};
try {
  for (let i = 0; i < runs; i++) {
    const state = path.join(await mkdtemp(path.join(os.tmpdir(), 'workshop-bench-compose-')), 'state');
    const env = { ...e2e.env, WORKSHOP_STATE_DIR: state };
    figures.composeUp.push(await timed(['up', '--backend', 'compose', '--timeout', '600'], env));
    await timed(['down', '--volumes'], env);
    figures.composeSmoke.push(await timed(['smoke', '--backend', 'compose', '--json'], env));
    const native = await isolatedStackEnv();
    figures.nativeUp.push(await timed(['up', '--backend', 'native'], native));
    await timed(['down', '--volumes'], native);
    figures.nativeSmoke.push(
      await timed(['smoke', '--backend', 'native', '--json'], await isolatedStackEnv()),
    );
    console.log(
      `run ${i + 1}: compose up ${figures.composeUp.at(-1)?.toFixed(1)} s, smoke ${figures.composeSmoke.at(-1)?.toFixed(1)} s; native up ${figures.nativeUp.at(-1)?.toFixed(1)} s, smoke ${figures.nativeSmoke.at(-1)?.toFixed(1)} s`,
    );
  }
} finally {
  await e2e.stop();
}
console.log(`\nmedian over ${runs} run(s), images already built:`);
console.log(
  `  up to healthy   compose ${median(figures.composeUp)} s   native ${median(figures.nativeUp)} s`,
);
console.log(
  `  smoke           compose ${median(figures.composeSmoke)} s   native ${median(figures.nativeSmoke)} s`,
);
