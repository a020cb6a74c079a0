import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercise1 } from '../exercises/exercise-1/exercise.js';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { root, runCli } from './helpers/run-cli.js';
import { upWithTraffic } from './helpers/stack-with-traffic.js';

// A learner types three Exercise 1 queries in the 3.5 UI with the tree view open, and Grafana
// queries the stack: only the three typed queries are the learner's work. The tree view's
// queries (its nodes, some of them other steps' answers) and Grafana's (other steps' answers)
// must earn nothing, in `check --json` and on `workshop watch`'s screen. Shapes as recorded in
// test/fixtures/querylog/prometheus-3.5.3/ tree-view.log, explain.log (a node clicked) and grafana.log.
const count = 'flask_http_request_duration_seconds_count';
const bucket = 'flask_http_request_duration_seconds_bucket';
const errors = `${count}{status=~"4..|5.."}`;

/** What the learner types (Table tab, Execute), and what the tree view then sends on its own. */
const typed = [
  {
    check: 'exercise-1/A/5',
    query: `sum(rate(${count}[5m]))`,
    tree: [`last_over_time(${count}[5m])`, `rate(${count}[5m])`],
  },
  {
    check: 'exercise-1/B/2',
    query: `histogram_quantile(0.95, rate(${bucket}[5m]))`,
    tree: ['0.95', `last_over_time(${bucket}[5m])`, '0.95', `rate(${bucket}[5m])`],
  },
  {
    check: 'exercise-1/C/4',
    query: `sum(rate(${errors}[5m])) by (status)`,
    formatted: `sum by(status) (rate(${errors}[5m]))`,
    tree: [`last_over_time(${errors}[5m])`, `last_over_time(${errors}[5m])`, `rate(${errors}[5m])`],
  },
];
/** Grafana's panels: other steps' answers (A/3, B/1, C/1 and C/2's), by POST. */
const grafana = [count, bucket, errors, `rate(${errors}[5m])`];

describe("only the learner's typed queries earn points (tree view and Grafana around them, real Prometheus)", () => {
  let env: Record<string, string>;
  const session = `workshop-tree-${process.pid}`;
  const capture = async () =>
    (await execa('tmux', ['capture-pane', '-p', '-t', session], { reject: false })).stdout;
  const get = (params: Record<string, string>) =>
    fetch(`${env.WORKSHOP_PROMETHEUS_URL}/api/v1/query?${new URLSearchParams(params)}`);
  const post = (path: string, params: Record<string, string>) =>
    fetch(`${env.WORKSHOP_PROMETHEUS_URL}/api/v1/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
    });

  beforeAll(async () => {
    env = await isolatedStackEnv();
    await upWithTraffic(env, 4);
  }, 120_000);
  afterAll(async () => {
    await execa('tmux', ['kill-session', '-t', session], { reject: false });
    await runCli(['down', '--volumes'], { env });
  });

  it('check --json and watch credit the three typed queries and nothing else', async () => {
    // A person at a terminal: CI turns the live screen off by design, so it is emptied here.
    const vars = { ...env, CI: '', TERM: 'xterm', NO_COLOR: '1' };
    await execa('tmux', [
      ...['new-session', '-d', '-s', session, '-x', '200', '-y', '60'],
      ...Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      [process.execPath, `${root}/cli/bin/workshop.js`, 'watch', 'exercise-1'].join(' '),
    ]);
    for (const end = Date.now() + 15_000; Date.now() < end && !(await capture()).includes('A/3'); )
      await sleep(100);
    expect(await capture()).toMatch(/○ A\/3/);

    for (const { query, formatted, tree } of typed) {
      await sleep(3_000); // people type for seconds between two queries
      expect((await get({ query, time: String(Date.now() / 1000), stats: 'true' })).status).toBe(200);
      // The tree view, within a second: the root in the UI's formatting (with `time`, like an
      // Execute), then one query per node without `time`.
      await sleep(80);
      await get({ query: formatted ?? query, time: String(Date.now() / 1000), stats: 'true' });
      for (const node of tree) {
        await sleep(60);
        expect((await get({ query: node })).status).toBe(200);
      }
    }
    // Seconds later the learner clicks C/4's `rate(…)` node (C/2's answer) in the tree: the
    // Table tab runs it as an instant query with `time`, the Graph tab as a range query.
    await sleep(3_000);
    const node = `rate(${errors}[5m])`;
    expect((await get({ query: node, time: String(Date.now() / 1000), stats: 'true' })).status).toBe(200);
    await sleep(2_000);
    const now = Date.now() / 1000;
    const range = { query: node, start: String(now - 3600), end: String(now), step: '14' };
    expect(
      (await fetch(`${env.WORKSHOP_PROMETHEUS_URL}/api/v1/query_range?${new URLSearchParams(range)}`)).status,
    ).toBe(200);
    // Grafana's dashboard: range queries aligned to the step, and one instant (a stat panel).
    const end = Math.floor(Date.now() / 15_000) * 15;
    for (const query of grafana)
      expect(
        (await post('query_range', { query, start: String(end - 3600), end: String(end), step: '15' }))
          .status,
      ).toBe(200);
    expect((await post('query', { query: `sum(rate(${count}[5m]))`, time: String(end) })).status).toBe(200);
    await sleep(500);

    const r = await runCli(['check', 'exercise-1', '--json', '--wait', '0'], { env, timeoutMs: 60_000 });
    const work = JSON.parse(r.stdout).exercises.find((e: { section?: string }) => e.section === 'work');
    const checks = work.checks as { id: string; status: string }[];
    const passed = checks.filter((c) => c.status === 'pass').map((c) => c.id);
    expect(passed.sort()).toEqual(typed.map((t) => t.check).sort());
    const points = exercise1.checks.filter((c) => passed.includes(c.id)).reduce((s, c) => s + c.points, 0);
    expect(work.score).toBe(points);

    const ticks = async () =>
      [...(await capture()).matchAll(/✓ ([A-E]\/\d)/g)].map((m) => `exercise-1/${m[1]}`);
    for (const end = Date.now() + 15_000; Date.now() < end && (await ticks()).length < typed.length; )
      await sleep(200);
    await sleep(2_000); // a later round would show an unearned ✓ too
    expect((await ticks()).sort(), await capture()).toEqual(typed.map((t) => t.check).sort());
    await execa('tmux', ['send-keys', '-t', session, 'q']);
  }, 120_000);
});
