import { expect } from 'vitest';
import { untilScraped } from './native-stack.js';
import { runCli } from './run-cli.js';

/** `up --backend native`, a quick traffic run, and one scrape after it: the start of a learner's session. */
export async function upWithTraffic(env: Record<string, string>, seed: number): Promise<void> {
  const up = await runCli(['up', '--backend', 'native'], { env, timeoutMs: 90_000 });
  expect(up.exitCode, up.stderr).toBe(0);
  const traffic = await runCli(
    ['traffic', 'quick', '--time-scale', '0.1', '--seed', String(seed), '--json'],
    {
      env,
    },
  );
  expect(traffic.exitCode, traffic.stderr).toBe(0);
  await untilScraped(env.WORKSHOP_PROMETHEUS_URL as string, Date.now(), { job: 'webapp-prometheus' });
}
