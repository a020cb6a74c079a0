import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectBuild, isolatedStackEnv } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';
import { upWithTraffic } from './helpers/stack-with-traffic.js';

// A learner's session as the Prometheus UI sends it (instant queries with `time` from the Table
// tab, range queries with a step from the Graph tab), graded from the real query log.
interface CheckDoc {
  id: string;
  status: string;
  message: string;
  hint?: string;
  attempted?: boolean;
  work?: { query: string; ranAt: string; difference?: string };
}
const count = 'flask_http_request_duration_seconds_count';
const bucket = 'flask_http_request_duration_seconds_bucket';

describe.each(inject('prometheusBuilds'))(
  'grading a learner from the query log (native backend, real $name)',
  (build) => {
    let env: Record<string, string>;
    const ui = async (query: string, tab: 'table' | 'graph' = 'table') => {
      // A learner types for seconds between two queries; the 3.5 UI's tree view sends its
      // subqueries within a couple of seconds of the query they explain.
      await new Promise((r) => setTimeout(r, 2_700));
      const now = Date.now() / 1000;
      const params =
        tab === 'table'
          ? new URLSearchParams({ query, time: String(now) })
          : new URLSearchParams({ query, start: String(now - 3600), end: String(now), step: '14' });
      const res = await fetch(
        `${env.WORKSHOP_PROMETHEUS_URL}/api/v1/${tab === 'table' ? 'query' : 'query_range'}?${params}`,
      );
      return res.status;
    };
    const work = async (...flags: string[]) => {
      const r = await runCli(['check', 'exercise-1', '--json', '--wait', '0', ...flags], {
        env,
        timeoutMs: 60_000,
      });
      const doc = JSON.parse(r.stdout);
      const section = doc.exercises.find((e: { section?: string }) => e.section === 'work');
      return { r, section, byId: Object.fromEntries((section.checks as CheckDoc[]).map((c) => [c.id, c])) };
    };

    beforeAll(async () => {
      env = { ...build.env, ...(await isolatedStackEnv()) };
      await upWithTraffic(env, 2);
      await expectBuild(env.WORKSHOP_PROMETHEUS_URL as string, build);
    }, 120_000);
    afterAll(async () => {
      await runCli(['down', '--volumes'], { env });
    });

    it('passes what was right, explains the near misses and typos, and leaves the rest not attempted', async () => {
      const before = await work();
      expect(
        (before.section.checks as CheckDoc[]).every((c) => c.status === 'unchecked' && c.attempted === false),
      ).toBe(true);
      expect(before.section.score).toBe(0);

      expect(await ui(count)).toBe(200); // A/3, right
      expect(await ui(`rate(${count}[5m])`, 'graph')).toBe(200); // A/4, right, on the Graph tab
      await ui(`sum(rate(${count}[5m])) by (path)`); // A/5: one series per path
      await ui(`histogram_quantile(0.95, sum by (path) (rate(${bucket}[5m])))`); // B/4: le dropped
      await ui(`${count}{status=~"4.."}`); // C/1: only 4xx
      await ui(`rate(${count}{statuz=~"4..|5.."}[5m])`); // C/2: a typo in the label
      await ui(`sum by (status) (rate(${count}{status=~"[45].."}[5m]))`); // C/4: right, written otherwise
      await ui(`(sum(rate(${count}{status=~"5.."}[5m])) / sum(rate(${count}[5m]))) > 0.05`); // E/1: right, not firing
      expect(await ui('rate(up')).toBe(400); // a parse error: not even logged
      await new Promise((r) => setTimeout(r, 500));

      const { r, section, byId } = await work();
      expect(r.stderr).not.toContain('internal error');
      const status = Object.fromEntries(Object.entries(byId).map(([id, c]) => [id, c.status]));
      expect(status).toMatchObject({
        'exercise-1/A/3': 'pass',
        'exercise-1/A/4': 'pass',
        'exercise-1/A/5': 'fail',
        'exercise-1/B/4': 'fail',
        'exercise-1/C/1': 'fail',
        'exercise-1/C/2': 'fail',
        'exercise-1/C/4': 'pass',
        'exercise-1/E/1': 'pass',
        'exercise-1/B/1': 'unchecked',
      });
      expect(byId['exercise-1/A/3']?.work?.query).toBe(count);
      expect(byId['exercise-1/A/5']?.message).toContain('keeps one series per path');
      expect(byId['exercise-1/B/4']?.message).toContain('drops the le label');
      expect(byId['exercise-1/C/1']?.message).toContain('matches only 4xx codes');
      expect(byId['exercise-1/C/2']).toMatchObject({ hint: 'write status instead of statuz' });
      expect(byId['exercise-1/C/2']?.message).toContain('did you mean status?');
      expect(byId['exercise-1/B/1']).toMatchObject({ message: 'not attempted yet', attempted: false });
      expect(section.score).toBe(2 + 2 + 1 + 1);
      // The stack checks, the tool's own queries, never count as the learner's work.
      const again = await work();
      expect(again.section.score).toBe(section.score);
    }, 90_000);

    it('--since counts only recent queries; a pass is kept in the state dir', async () => {
      await new Promise((r) => setTimeout(r, 1_100));
      const recent = await work('--since', '1s');
      expect(recent.byId['exercise-1/A/3']).toMatchObject({ status: 'unchecked', attempted: false });
      const all = await work();
      expect(all.byId['exercise-1/A/3']?.status).toBe('pass');
    }, 60_000);
  },
);
