import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeHttp, testContext } from '../../test/helpers/in-process.js';
import { learnerGrader } from '../learner/learner-grader.js';
import { runMain } from '../run-main.js';
import { openSession } from '../session.js';

/**
 * Native without a grafana binary, after `up --grafana-url http://127.0.0.1:3999`: the learner's
 * own Grafana answers there (a recorded empty Grafana: no data source, no dashboard yet).
 */
async function nativeWithOwnGrafana() {
  const grafana = fakeHttp(
    {
      '127.0.0.1:3999/api/health': { body: { database: 'ok', version: '12.2.1' } },
      '127.0.0.1:3999/api/datasources': { body: [] },
      '127.0.0.1:3999/api/search': { body: [] },
      '127.0.0.1:3999/api/v1/provisioning/alert-rules': { body: [] },
      '/api/v1/format_query': { fixture: 'format-query.json' },
    },
    'refuse',
  );
  const ctx = await testContext({ http: grafana.http });
  const stateDir = ctx.env.WORKSHOP_STATE_DIR as string;
  await mkdir(stateDir, { recursive: true });
  await writeFile(
    path.join(stateDir, 'stack.json'),
    JSON.stringify({
      backend: 'native',
      startedAt: '2026-12-05T09:00:00.000Z',
      urls: { prometheus: 'http://127.0.0.1:3990', grafana: 'http://127.0.0.1:3999' },
      processes: {},
      unavailable: {
        cadvisor: 'cAdvisor reads Docker containers and runs only in the compose backend',
        grafana: 'not installed: install Grafana',
      },
    }),
  );
  return { ctx, http: grafana.http };
}

describe("native with the learner's own Grafana (in process)", () => {
  it('status shows it up (theirs), not "not installed"', async () => {
    const { ctx } = await nativeWithOwnGrafana();
    await runMain(['status'], ctx);
    expect(ctx.out()).toMatch(/grafana +http:\/\/127\.0\.0\.1:3999 +✓ up +yours/);
    expect(ctx.out()).not.toContain('not installed');
  });

  it('check exercise-2 and the grader of watch and the exporter grade it, instead of "unchecked"', async () => {
    const { ctx } = await nativeWithOwnGrafana();
    const code = await runMain(['check', 'exercise-2', '--json'], ctx);
    const checks = JSON.parse(ctx.out()).exercises[0].checks as { status: string; message: string }[];
    expect(checks.some((c) => c.message.includes('no Grafana in the native backend'))).toBe(false);
    expect(checks.filter((c) => c.status === 'fail').length).toBeGreaterThan(0);
    expect(code).toBe(1);

    const again = await testContext({ http: ctx.http, env: ctx.env });
    const session = await openSession(again, {});
    const grader = learnerGrader(session);
    const graded = await grader.grade('exercise-2');
    expect(graded?.checks.every((c) => c.status === 'unchecked')).toBe(false);
  });

  it('a Grafana that does not answer there stays "not available" with the reason', async () => {
    const { ctx } = await nativeWithOwnGrafana();
    const dead = await testContext({ env: ctx.env });
    await runMain(['status'], dead);
    expect(dead.out()).toMatch(/grafana .*not available +not installed/);
  });
});
