import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackState } from '../cli/stack/state.js';
import { isolatedStackEnv, untilScraped } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// End to end on the native backend with the real Prometheus: traffic, then every Exercise 1 check.
interface CheckDoc {
  id: string;
  status: string;
  message: string;
}
const section = (stdout: string, name: 'work' | 'stack') =>
  JSON.parse(stdout).exercises.find(
    (e: { id: string; section?: string }) => e.id === 'exercise-1' && e.section === name,
  );
/** The exercise's own queries ("your stack"). */
const checksOf = (stdout: string): CheckDoc[] => section(stdout, 'stack').checks;
/** The learner's queries, here from an answers file ("your work"). */
const workOf = (stdout: string): CheckDoc[] => section(stdout, 'work').checks;

describe('workshop check exercise-1 (native backend)', () => {
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    env = await isolatedStackEnv();
    dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-answers-'));
    const up = await runCli(['up', '--backend', 'native'], { env, timeoutMs: 90_000 });
    expect(up.exitCode, up.stderr).toBe(0);
    const traffic = await runCli(['traffic', 'quick', '--time-scale', '0.1', '--seed', '1', '--json'], {
      env,
    });
    expect(traffic.exitCode, traffic.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await runCli(['down', '--volumes'], { env });
  });

  it('passes every check but Part D, which is unchecked with the process-level query to use instead (exit 4)', async () => {
    const r = await runCli(['check', 'exercise-1', '--json', '--wait', '30'], { env, timeoutMs: 60_000 });
    const checks = checksOf(r.stdout);
    const notPassed = checks.filter((c) => c.status !== 'pass' && c.status !== 'unchecked');
    expect(notPassed, JSON.stringify(notPassed, null, 2)).toEqual([]);
    const unchecked = checks.filter((c) => c.status === 'unchecked');
    expect(unchecked.map((c) => c.id)).toEqual(['exercise-1/D/1', 'exercise-1/D/2', 'exercise-1/D/3']);
    expect((unchecked[0] as CheckDoc & { todo: string }).todo).toContain('process_cpu_seconds_total');
    // The whole report: no failure or error; the unchecked ones are Part D and the learner's
    // work, which nobody has done on this stack (16 checks "not attempted yet").
    expect(JSON.parse(r.stdout).summary).toMatchObject({ failed: 0, errors: 0, unchecked: 3 + 16 });
    expect(r.exitCode).toBe(4);
  }, 70_000);

  it('accepts equivalent answers written differently', async () => {
    const file = path.join(dir, 'good.yaml');
    await writeFile(
      file,
      [
        'exercise-1/A/5: sum by () (rate(flask_http_request_duration_seconds_count[5m]))',
        'exercise-1/C/4: sum by (status) (rate(flask_http_request_duration_seconds_count{status=~"4..|5.."}[5m]))',
        'exercise-1/B/4: histogram_quantile(0.95, sum(rate(flask_http_request_duration_seconds_bucket[300s])) by (path, le))',
      ].join('\n'),
    );
    const r = await runCli(['check', 'exercise-1', '--answers', file, '--json', '--wait', '20'], {
      env,
      timeoutMs: 60_000,
    });
    const graded = workOf(r.stdout).filter((c) => c.status !== 'unchecked');
    expect(graded.map((c) => [c.id, c.status])).toEqual([
      ['exercise-1/A/5', 'pass'],
      ['exercise-1/B/4', 'pass'],
      ['exercise-1/C/4', 'pass'],
    ]);
    // The others are not attempted: the score is out of the whole exercise.
    expect(section(r.stdout, 'work')).toMatchObject({ score: 4, maxScore: 20 });
    expect(r.exitCode).toBe(4);
  }, 70_000);

  it('fails wrong answers with the difference, and rejects unknown ids as usage', async () => {
    const file = path.join(dir, 'wrong.json');
    await writeFile(
      file,
      JSON.stringify({
        'exercise-1/A/5': 'count(flask_http_request_duration_seconds_count)',
        'exercise-1/C/4':
          'sum(rate(flask_http_request_duration_seconds_count{status=~"5.."}[5m])) by (status)',
        'exercise-1/B/2': 'histogram_quantile(0.95, rate(flask_http_request_duration_seconds_bucket[5m])',
        'exercise-1/A/3': 'flask_http_request_duration_seconds_count{path="/helth"}',
        'exercise-1/A/4': 'rate(flask_http_request_duration_seconds_count{statuz="500"}[5m])',
      }),
    );
    const r = await runCli(['check', 'exercise-1', '--answers', file, '--json', '--wait', '5'], {
      env,
      timeoutMs: 60_000,
    });
    expect(r.exitCode).toBe(1);
    const byId = Object.fromEntries(workOf(r.stdout).map((c) => [c.id, c]));
    expect(byId['exercise-1/A/5']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('is a counter: it only ever grows'),
    });
    expect(byId['exercise-1/C/4']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('matches only 5xx codes, and this step asks for 4xx and 5xx'),
    });
    expect(byId['exercise-1/B/2']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('does not parse'),
      hint: expect.stringContaining('brackets'),
    });
    // Typos get the empty-result diagnosis and the hint for that very mistake.
    expect(byId['exercise-1/A/3']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('did you mean "/health"?'),
      hint: 'write path="/health" instead of path="/helth"',
    });
    expect(byId['exercise-1/A/4']).toMatchObject({ status: 'fail', hint: 'write status instead of statuz' });

    await writeFile(file, JSON.stringify({ 'exercise-1/Z/9': 'up' }));
    const bad = await runCli(['check', 'exercise-1', '--answers', file], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('unknown check ids: exercise-1/Z/9');
  }, 70_000);

  it('with the webapp stopped, fails with the diagnosis instead of crashing', async () => {
    const state = stackState.parse(
      JSON.parse(await readFile(path.join(env.WORKSHOP_STATE_DIR as string, 'stack.json'), 'utf8')),
    );
    const killedAt = Date.now();
    process.kill(state.processes.webapp?.pid as number, 'SIGKILL');
    // Prometheus notices at its next scrape, and the webapp's series go stale.
    await untilScraped(env.WORKSHOP_PROMETHEUS_URL as string, killedAt, {
      job: 'webapp-prometheus',
      health: 'down',
    });
    const r = await runCli(['check', 'exercise-1', '--json', '--wait', '3'], { env, timeoutMs: 60_000 });
    expect(r.stderr).not.toMatch(/internal error/);
    expect([1, 3]).toContain(r.exitCode);
    const failed = checksOf(r.stdout).filter((c) => c.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.some((c) => c.message.includes('webapp-prometheus, which is down'))).toBe(true);
  }, 70_000);
});

describe('workshop check (all exercises) on the native backend without Grafana', () => {
  it('leaves exercise 2 unchecked with the reason instead of failing on a Grafana that is not there', async () => {
    const env = await isolatedStackEnv();
    delete env.WORKSHOP_GRAFANA_URL;
    const up = await runCli(['up', '--backend', 'native'], { env, timeoutMs: 90_000 });
    try {
      expect(up.exitCode, up.stderr).toBe(0);
      const r = await runCli(['check', '--json', '--wait', '1', '--run', 'exercise-2|exercise-1/A/5'], {
        env,
        timeoutMs: 60_000,
      });
      const ex2 = JSON.parse(r.stdout).exercises.find((e: { id: string }) => e.id === 'exercise-2');
      expect(
        ex2.checks.every(
          (c: CheckDoc) =>
            c.status === 'unchecked' && c.message.startsWith('no Grafana in the native backend'),
        ),
      ).toBe(true);
      expect(ex2).toMatchObject({ score: 0, maxScore: 25 });
    } finally {
      await runCli(['down', '--volumes'], { env });
    }
  }, 120_000);
});

describe('workshop check with Prometheus unreachable', () => {
  it('reports every check as an error with the reason and exits 3, at once', async () => {
    const r = await runCli(['check', 'exercise-1', '--json', '--prometheus-url', 'http://127.0.0.1:1'], {
      timeoutMs: 20_000,
    });
    expect(r.exitCode).toBe(3);
    const checks = checksOf(r.stdout);
    expect(checks.every((c) => c.status === 'error' && c.message.includes('connection refused'))).toBe(true);
  });
});
