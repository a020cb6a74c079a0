import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeHttp, runInProcess, testContext } from '../../test/helpers/in-process.js';
import { runMain } from '../run-main.js';

/** Runs `check` with an answers file of this content in the context's folder. */
async function withAnswers(content: string | Buffer, argv: string[] = []) {
  const ctx = await testContext();
  await writeFile(path.join(ctx.cwd, 'answers.yaml'), content);
  const exitCode = await runMain(['check', 'exercise-1', '--answers', 'answers.yaml', ...argv], ctx);
  return { exitCode, stdout: ctx.out(), stderr: ctx.err() };
}

describe('workshop check: bad input is a usage error before anything is asked of Prometheus (in process)', () => {
  it('--answers naming a FIFO (or a device) is refused at once, never read (it would block forever)', async () => {
    const ctx = await testContext();
    const fifo = path.join(ctx.cwd, 'answers.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, '/dev/zero']) {
      const http = fakeHttp({}, 'refuse');
      const r = await runInProcess(['check', 'exercise-1', '--answers', file], { http: http.http });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toContain(`the answers file ${file} is not a regular file`);
      expect(http.seen).toEqual([]);
    }
  }, 10_000);

  it('the same exercise named twice is graded once', async () => {
    const once = fakeHttp({}, 'refuse');
    const twice = fakeHttp({}, 'refuse');
    const a = await runInProcess(['check', 'exercise-1', '--json', '--wait', '0'], { http: once.http });
    const b = await runInProcess(['check', 'exercise-1', 'exercise-1', '--json', '--wait', '0'], {
      http: twice.http,
    });
    expect(JSON.parse(b.stdout).exercises.length).toBe(JSON.parse(a.stdout).exercises.length);
    expect(twice.seen.length).toBe(once.seen.length);
  });

  it('--run matching no check exits 2 (a typo in CI must not pass)', async () => {
    const http = fakeHttp({}, 'refuse');
    const r = await runInProcess(['check', '--run', 'ZZZ'], { http: http.http });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--run "ZZZ" matches no check');
    expect(http.seen).toEqual([]);
  });

  it('--junit to a folder that does not exist, or to a folder, exits 2 before running', async () => {
    const ctx = await testContext();
    await mkdir(path.join(ctx.cwd, 'reports'));
    for (const [target, why] of [
      ['no/such/dir/report.xml', 'does not exist'],
      ['reports', 'it is a folder, not a file'],
    ]) {
      const http = fakeHttp({}, 'refuse');
      const r = await runInProcess(['check', '--junit', target as string], { http: http.http, cwd: ctx.cwd });
      expect(r.exitCode, target).toBe(2);
      expect(r.stderr).toContain(why);
      expect(r.stderr).not.toContain('internal error');
      expect(http.seen).toEqual([]);
    }
  });

  it('an answers file: missing, a folder, not YAML, too long, or with exercise-2 ids, each with its own clear line', async () => {
    const missing = await runInProcess(['check', '--answers', 'nope.yaml']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the answers file: .*nope\.yaml: does not exist \(ENOENT\)/);

    const yaml = await withAnswers('exercise-1/A/3: rate(x[5m])\n  bad: : indent\n');
    expect(yaml.exitCode).toBe(2);
    expect(yaml.stderr).toMatch(
      /is neither JSON nor YAML: line 1, column 17: Nested mappings are not allowed in compact mappings\n/,
    );

    const huge = await withAnswers(`exercise-1/A/3: "${'a'.repeat(5_000)}"\n`);
    expect(huge.exitCode).toBe(2);
    expect(huge.stderr).toContain('an answer may be at most 4000 characters long');
    expect(huge.stderr.length).toBeLessThan(600);

    const grafana = await withAnswers('exercise-2/B/2: up\n');
    expect(grafana.exitCode).toBe(2);
    expect(grafana.stderr).toContain(
      'exercise-2/B/2, which are graded from your Grafana, not from an answers file',
    );
  });

  it('accepts --wait 0 (no retries)', async () => {
    const r = await runInProcess(['check', 'exercise-1', '--wait', '0', '--json']);
    // Nothing answers: every check is an error, exit 3, but the flag was fine.
    expect(r.exitCode).toBe(3);
    expect(JSON.parse(r.stdout).summary.errors).toBe(16);
  });
});

describe('workshop check against upstream answers (in process)', () => {
  it('a Grafana without the provisioning API (404) is an upstream error, exit 3, never an internal error', async () => {
    const grafana = fakeHttp(
      {
        '/api/health': { body: { database: 'ok', version: '9.0.0' } },
        '/api/datasources': { body: [] },
        '/api/search': { body: [] },
        '/api/v1/provisioning/alert-rules': { status: 404, body: { message: 'Not found' } },
      },
      'refuse',
    );
    const r = await runInProcess(['check', 'exercise-2', '--grafana-url', 'http://127.0.0.1:3999'], {
      http: grafana.http,
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout).toContain('Grafana answered 404 Not Found to GET /api/v1/provisioning/alert-rules');
  });

  it('names a Grafana version it was not tested against, and the ones it was', async () => {
    const grafana = fakeHttp(
      {
        '/api/health': { body: { database: 'ok', version: '10.4.0' } },
        '/api/datasources': { body: [] },
        '/api/search': { body: [] },
        '/api/v1/provisioning/alert-rules': { body: [] },
        '/api/v1/format_query': { fixture: 'format-query.json' },
      },
      'refuse',
    );
    const r = await runInProcess(['check', 'exercise-2', '--grafana-url', 'http://127.0.0.1:3999'], {
      http: grafana.http,
    });
    expect(r.stdout).toContain(
      'note: Grafana 10.4.0 answered; these checks are tested against Grafana 11.4, 12.2, 13.x',
    );
    expect(r.exitCode).toBe(1);
  });

  it('says a reason shared by every check once, and never prints the Grafana password from the URL', async () => {
    const grafana = fakeHttp(
      {
        '/api/health': { body: { database: 'ok' } },
        '/api/datasources': { status: 401, body: { message: 'invalid username or password' } },
      },
      'refuse',
    );
    const r = await runInProcess(
      ['check', 'exercise-2', '--grafana-url', 'http://admin:hunter2@127.0.0.1:3999'],
      { http: grafana.http },
    );
    expect(r.exitCode).toBe(3);
    expect(r.stdout.match(/wrong Grafana user or password/g)).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  });
});

describe('workshop check with Prometheus down (in process)', () => {
  /** A native stack with A/3 passed before; `tryA4` adds a later try at A/4 that needs Prometheus to grade. */
  async function stackWithKeptPass(tryA4: boolean) {
    const ctx = await testContext();
    const stateDir = ctx.env.WORKSHOP_STATE_DIR as string;
    await mkdir(stateDir, { recursive: true });
    const state = {
      backend: 'native',
      startedAt: '2026-12-05T09:00:00.000Z',
      urls: { prometheus: 'http://localhost:9090' },
      processes: {},
      unavailable: { cadvisor: 'cAdvisor reads Docker containers and runs only in the compose backend' },
      queryLog: { kind: 'file', path: path.join(stateDir, 'queries.log') },
      // Refused like the learner's Prometheus: grading the try at A/4 cannot be done.
      grading: { url: 'http://127.0.0.1:1' },
    };
    await writeFile(path.join(stateDir, 'stack.json'), JSON.stringify(state));
    const tried = {
      httpRequest: { clientIP: '127.0.0.1', method: 'GET', path: '/api/v1/query' },
      params: {
        end: '2026-12-05T10:05:00.000Z',
        query: 'rate(flask_http_request_duration_seconds_count[5m]) * 1',
        start: '2026-12-05T10:05:00.000Z',
        step: 0,
      },
      ts: '2026-12-05T10:05:00.120Z',
    };
    await writeFile(path.join(stateDir, 'queries.log'), tryA4 ? `${JSON.stringify(tried)}\n` : '');
    await writeFile(
      path.join(stateDir, 'progress.json'),
      JSON.stringify({
        'exercise-1/A/3': {
          atMs: Date.parse('2026-12-05T10:00:00Z'),
          query: 'flask_http_request_duration_seconds_count',
        },
      }),
    );
    const exitCode = await runMain(['check', 'exercise-1', '--wait', '0'], ctx);
    const work = ctx.out().split('— your stack')[0] ?? '';
    return { ctx, exitCode, work };
  }
  const keptA3 = /✓ exercise-1\/A\/3 .*flask_http_request_duration_seconds_count \(at 10:00:00, kept\)/;

  it('keeps the kept passes ✓ (marked kept) and in the score; only the steps not yet passed are errors', async () => {
    const { ctx, exitCode, work } = await stackWithKeptPass(false);
    expect(exitCode).toBe(3);
    expect(work).toMatch(keptA3);
    expect(work).not.toMatch(/! exercise-1\/A\/3/);
    // Steps with no attempt in the (local) query log need no Prometheus: still "not attempted".
    expect(work.match(/^ {2}○ exercise-1\//gm)).toHaveLength(15);
    expect(work).not.toMatch(/^ {2}! /m);
    expect(work).toContain('Score: 2/20 points (1 of 16 steps pass)');
    // On native, the points the stack cannot give are said with the score (D/1 and D/2 have a
    // process-level form that native can earn).
    expect(work).toContain(
      'note: step D/3 (1 point) needs the compose stack: cAdvisor reads Docker containers and runs only in the compose backend; this native stack cannot earn it',
    );
    const json = await testContext({ env: ctx.env });
    await runMain(['check', 'exercise-1', '--wait', '0', '--json'], json);
    const a3 = JSON.parse(json.out()).exercises[0].checks[0];
    expect(a3).toMatchObject({ id: 'exercise-1/A/3', status: 'pass', kept: true });
  });

  it('with a try that needs Prometheus to grade: the kept pass stays ✓ and counts, the steps not passed are errors', async () => {
    const { exitCode, work } = await stackWithKeptPass(true);
    expect(exitCode).toBe(3);
    expect(work).toMatch(keptA3);
    expect(work).toMatch(/^ {2}! exercise-1\/A\/4 /m);
    expect(work.match(/^ {2}! exercise-1\//gm)).toHaveLength(15);
    expect(work).toContain('Score: 2/20 points (1 of 16 steps pass)');
  });
});
