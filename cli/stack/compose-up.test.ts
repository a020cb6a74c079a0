import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeExec, fakeHttp, testContext } from '../../test/helpers/in-process.js';
import { ownQueryMarker } from '../prometheus/client.js';
import { runMain } from '../run-main.js';

// `workshop up` on a compose stack that already runs, with the docker runner injected: its
// answers are what Compose 2.40.3 on engine 20.10 printed for the running workshop stack.
const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/docker');
const psHealthy = readFileSync(path.join(fixtures, 'compose-ps-healthy.jsonl'), 'utf8');
const queryLogOn = JSON.parse(readFileSync(path.join(fixtures, 'query-log-enabled.json'), 'utf8'));
/** The same stack after Compose recreated the prometheus container `n` times (a new container ID). */
const psRecreated = (n: number) =>
  psHealthy
    .split('\n')
    .map((l) =>
      l.includes('"Service":"prometheus"') && n > 0
        ? l.replace(/"ID":"[0-9a-f]+"/, `"ID":"${String(n).padStart(12, '0')}"`)
        : l,
    )
    .join('\n');

/**
 * A docker runner playing the running stack, started by hand (no digest), and Compose's rule:
 * `up` recreates the prometheus container when its environment differs.
 */
function runningStack() {
  let running = '';
  let recreations = 0;
  const envs: Record<string, string>[] = [];
  const calls: string[] = [];
  const { exec } = fakeExec((cmd, args) => {
    if (cmd !== 'docker') return undefined;
    if (args.join(' ') === 'compose version --short') return { stdout: '2.40.3-3\n' };
    if (args.includes('ps')) return { stdout: psRecreated(recreations) };
    if (args.includes('up')) {
      const digest = envs.at(-1)?.WORKSHOP_PROMETHEUS_DIGEST ?? '';
      if (digest !== running) recreations += 1;
      running = digest;
      return { stdout: '' };
    }
    return undefined;
  });
  return {
    calls,
    envs,
    exec: (async (command, args, opts) => {
      calls.push([command, ...args].filter((a) => !a.startsWith('/')).join(' '));
      if (args.includes('up')) envs.push(opts?.env ?? {});
      return exec(command, args, opts);
    }) as typeof exec,
    http: fakeHttp(
      { [`/api/v1/query prometheus_engine_query_log_enabled${ownQueryMarker}`]: { body: queryLogOn } },
      'refuse',
    ).http,
  };
}

describe('up on a running compose stack: a new learner name or --report-to is applied', () => {
  it('says "already up" only when Prometheus runs with the same settings, else recreates what depends on them', async () => {
    const stack = runningStack();
    const ctx = await testContext({ exec: stack.exec, http: stack.http });
    const up = async (...flags: string[]) => {
      const before = ctx.out().length;
      expect(await runMain(['up', '--backend', 'compose', ...flags], ctx), ctx.err()).toBe(0);
      return ctx.out().slice(before);
    };
    const ups = () => stack.calls.filter((c) => c.includes(' up -d --wait')).length;

    // Started by hand (no `workshop up` recorded): Compose is asked, and recreates Prometheus.
    expect(await up('--learner', 'Ada Lovelace')).toContain('recreated prometheus');
    expect(ups()).toBe(1);
    expect(stack.envs[0]?.WORKSHOP_LEARNER).toBe('Ada Lovelace');

    // The same settings: nothing to do, and Compose is not even asked.
    expect(await up()).toContain('The compose stack is already up; nothing to do.');
    expect(ups()).toBe(1);

    // A new name: Compose runs with it, and what it recreated is said.
    const renamed = await up('--learner', 'Grace Hopper');
    expect(ups()).toBe(2);
    expect(stack.envs[1]?.WORKSHOP_LEARNER).toBe('Grace Hopper');
    expect(renamed).toContain('recreated prometheus to apply the learner name and --report-to');

    // --report-to, then another URL: the generated config keeps its path, only its content changes.
    await up('--report-to', 'http://10.0.0.5:9095');
    await up('--report-to', 'http://10.0.0.6:9095');
    expect(ups()).toBe(4);
    const [pushA, pushB] = stack.envs.slice(2).map((e) => e.WORKSHOP_PROMETHEUS_DIGEST);
    expect(stack.envs[3]?.WORKSHOP_PROMETHEUS_CONFIG).toBe(stack.envs[2]?.WORKSHOP_PROMETHEUS_CONFIG);
    expect(pushB).not.toBe(pushA);
    await up('--no-report-to');
    expect(ups()).toBe(5);
    expect(stack.envs[4]?.WORKSHOP_PROMETHEUS_CONFIG).toBeUndefined();
    expect(await up()).toContain('already up; nothing to do');
    expect(ups()).toBe(5);
    expect(ctx.out()).not.toContain('query log');
  });
});
