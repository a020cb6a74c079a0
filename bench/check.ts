// Wall time of the check phases on a warm stack: exercise 1 against the real Prometheus (native
// backend), exercise 2 against the Grafana API stand-in. Run with `npm run bench:check`.
import { performance } from 'node:perf_hooks';
import { createNodeContext } from '../cli/node-context.js';
import { checkPhase } from '../cli/phases/check.js';
import { openSession } from '../cli/session.js';
import { createSpinner } from '../cli/ui/spinner.js';
import { startGrafanaStandIn } from '../test/grafana-stand-in/index.js';
import { isolatedStackEnv } from '../test/helpers/native-stack.js';
import { runCli } from '../test/helpers/run-cli.js';

const rounds = Number(process.argv[2] ?? 5);
const env = await isolatedStackEnv();
const standIn = await startGrafanaStandIn({ adminPassword: 'foobar' });
env.WORKSHOP_GRAFANA_URL = standIn.url;
const must = async (args: string[]) => {
  const r = await runCli(args, { env, timeoutMs: 120_000 });
  if (r.exitCode !== 0) throw new Error(`workshop ${args.join(' ')} failed:\n${r.stderr}`);
};

try {
  await must(['up', '--backend', 'native']);
  await must(['traffic', 'quick', '--time-scale', '0.1', '--seed', '1', '--json']);
  await must(['solve', 'exercise-2']);
  await must(['check', '--wait', '30', '--json']); // warm: every check passes once
  const ctx = { ...createNodeContext(new AbortController().signal), env: { ...process.env, ...env } };
  const session = await openSession(ctx, {});
  const spinner = createSpinner({ stream: ctx.stderr, interactive: false, quiet: true });
  for (const id of ['exercise-1', 'exercise-2']) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const summary = await checkPhase(session, {
        exercises: [id],
        waitMs: 30_000,
        learnerWork: false,
        spinner,
      });
      times.push(performance.now() - t0);
      const bad = summary.exercises
        .flatMap((e) => e.checks)
        .filter((c) => c.status === 'fail' || c.status === 'error');
      if (bad.length) throw new Error(`${id}: ${bad.map((c) => `${c.id} ${c.message}`).join('; ')}`);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${id} check phase (${rounds} rounds): median ${times[Math.floor(rounds / 2)]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms   goal: under 1000 ms`,
    );
  }
} finally {
  await runCli(['down', '--volumes'], { env });
  await standIn.close();
}
