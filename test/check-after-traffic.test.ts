import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// With the real Prometheus: the reference checks hold after each traffic mode, in any order,
// and old ledgers never poison them (a restarted webapp, back-to-back runs).
interface CheckDoc {
  id: string;
  status: string;
  message: string;
  unavailableService?: string;
}
/** The exercise's own queries: the stack section of the report. */
const stackOf = (stdout: string): CheckDoc[] =>
  JSON.parse(stdout).exercises.find((e: { section?: string }) => e.section === 'stack').checks;
/** What did not pass: only a check whose service this backend does not run (cAdvisor) may be unchecked. */
const broken = (stdout: string): CheckDoc[] =>
  stackOf(stdout).filter(
    (c) => c.status !== 'pass' && !(c.status === 'unchecked' && c.unavailableService !== undefined),
  );

describe('exercise-1 reference checks after every traffic mode (native backend)', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await isolatedStackEnv();
    const up = await runCli(['up', '--backend', 'native'], { env, timeoutMs: 90_000 });
    expect(up.exitCode, up.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await runCli(['down', '--volumes'], { env });
  });

  const check = () => runCli(['check', 'exercise-1', '--json', '--wait', '30'], { env, timeoutMs: 60_000 });
  const traffic = async (...args: string[]) => {
    const r = await runCli(['traffic', ...args, '--time-scale', '0.01', '--seed', '4', '--json'], {
      env,
      timeoutMs: 60_000,
    });
    expect(r.exitCode, r.stderr).toBe(0);
  };

  it.each([
    'errors',
    'demo',
    'quick',
    'metrics',
    'cpu 3',
    'memory 3',
    'delay 3',
    'error-test 5',
    'sustained 2',
    'full',
  ])(
    'after `traffic %s` nothing fails',
    async (mode) => {
      await traffic(...mode.split(' '));
      const r = await check();
      expect(broken(r.stdout), r.stdout).toEqual([]);
    },
    90_000,
  );

  it('two runs at the same time are counted together', async () => {
    // Overlapping runs always share a span; back to back they do only when no scrape falls between.
    await Promise.all([traffic('quick'), traffic('errors')]);
    const r = await check();
    expect(broken(r.stdout)).toEqual([]);
    const a3 = stackOf(r.stdout).find((c) => c.id === 'exercise-1/A/3');
    expect(a3?.message).toContain('2 traffic runs');
  }, 90_000);

  it('after down and up, old ledgers are not compared (unchecked, not "sent 12, counted 0"), and smoke passes', async () => {
    expect((await runCli(['down'], { env })).exitCode).toBe(0);
    expect((await runCli(['up', '--backend', 'native'], { env, timeoutMs: 90_000 })).exitCode).toBe(0);
    const r = await runCli(['check', 'exercise-1', '--json', '--wait', '0', '--run', 'exercise-1/A/3'], {
      env,
    });
    const [a3] = stackOf(r.stdout);
    expect(a3).toMatchObject({
      status: 'unchecked',
      message: expect.stringContaining('webapp process that runs now'),
    });
    const smoke = await runCli(['smoke', '--backend', 'native', '--json', '--seed', '4'], {
      env,
      timeoutMs: 120_000,
    });
    expect(JSON.parse(smoke.stdout).summary, smoke.stdout).toMatchObject({ failed: 0, errors: 0 });
    expect(smoke.exitCode).toBe(0);
  }, 180_000);
});
