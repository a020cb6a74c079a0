import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { root, runCli } from './helpers/run-cli.js';
import { upWithTraffic } from './helpers/stack-with-traffic.js';

// `workshop watch` in a real terminal (tmux): a query sent to Prometheus shows up as ✓ on the
// captured screen; h shows the hint; q quits and leaves nothing running.
describe('workshop watch in a terminal (tmux, real Prometheus)', () => {
  let env: Record<string, string>;
  const session = `workshop-watch-${process.pid}`;
  const capture = async () =>
    (await execa('tmux', ['capture-pane', '-p', '-t', session], { reject: false })).stdout;
  const waitForScreen = async (text: string, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(100))
      if ((await capture()).includes(text)) return true;
    return false;
  };

  /** `workshop watch` in a tmux window of this size. */
  const startWatch = async (size: { width: number; height: number; colour: boolean }, ...args: string[]) => {
    // A person at a terminal: CI (set by .ci/run, and inherited by the tmux server) turns the
    // live screen off by design, so it is emptied for the session.
    const vars = { ...env, CI: '', TERM: 'xterm', ...(size.colour ? {} : { NO_COLOR: '1' }) };
    await execa('tmux', [
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      String(size.width),
      '-y',
      String(size.height),
      ...Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      [process.execPath, `${root}/cli/bin/workshop.js`, 'watch', ...args].join(' '),
    ]);
  };

  beforeAll(async () => {
    env = await isolatedStackEnv();
    await upWithTraffic(env, 3);
  }, 120_000);
  afterAll(async () => {
    await execa('tmux', ['kill-session', '-t', session], { reject: false });
    await runCli(['down', '--volumes'], { env });
  });

  it('turns A/3 into ✓ after the query, shows the hint on h, and quits on q', async () => {
    await startWatch({ width: 180, height: 60, colour: false }, 'exercise-1');
    expect(await waitForScreen('A/3', 15_000)).toBe(true);
    expect(await capture()).toMatch(/○ A\/3 +Basic request count +not attempted yet/);

    const query = new URLSearchParams({
      query: 'flask_http_request_duration_seconds_count',
      time: String(Date.now() / 1000),
    });
    expect((await fetch(`${env.WORKSHOP_PROMETHEUS_URL}/api/v1/query?${query}`)).status).toBe(200);
    // (How soon: bench/watch.ts measures it.)
    expect(await waitForScreen('✓ A/3', 10_000)).toBe(true);

    await execa('tmux', ['send-keys', '-t', session, 'h']);
    expect(await waitForScreen('hint:', 3_000)).toBe(true);
    await execa('tmux', ['send-keys', '-t', session, 'q']);
    for (
      let i = 0;
      i < 50 && (await execa('tmux', ['has-session', '-t', session], { reject: false })).exitCode === 0;
      i++
    )
      await sleep(100);
    expect((await execa('tmux', ['has-session', '-t', session], { reject: false })).exitCode).not.toBe(0);
  }, 60_000);

  it('in 80×24: lines fit, the scores stay on top; Prometheus killed: a banner within 2 s, gone after `up`', async () => {
    await startWatch({ width: 80, height: 24, colour: true });
    expect(await waitForScreen('A/3', 15_000)).toBe(true);
    const screen = await capture();
    expect(screen.split('\n')[0]).toMatch(
      /^exercise-1: Golden Signals with PromQL +\[[#-]+\] \d+\/20 points/,
    );
    expect(screen).toContain('exercise-2:');
    expect(screen).toContain('Next: exercise-1/');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    const state = JSON.parse(
      await readFile(path.join(env.WORKSHOP_STATE_DIR as string, 'stack.json'), 'utf8'),
    );
    process.kill(state.processes.prometheus.pid, 'SIGKILL');
    const killedAt = Date.now();
    expect(await waitForScreen('does not answer; your passes are kept', 5_000)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(2_500);
    const up = await runCli(['up', '--backend', 'native'], { env, timeoutMs: 90_000 });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(up.stdout).toContain('restarted prometheus');
    for (const end = Date.now() + 10_000; Date.now() < end && (await capture()).includes('does not answer'); )
      await sleep(100);
    expect(await capture()).not.toContain('does not answer');
    await execa('tmux', ['send-keys', '-t', session, 'q']);
  }, 120_000);
});
