import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// The learner's side, with real processes: `up` starts the progress exporter, the learner's own
// Prometheus scrapes it, and a name set later reaches both without a restart.
const password = 'pw-never-shown';

describe('the progress exporter in a native stack', () => {
  let env: Record<string, string>;
  const prom = (q: string) =>
    fetch(`${env.WORKSHOP_PROMETHEUS_URL}/api/v1/query?${new URLSearchParams({ query: q })}`).then(
      (r) =>
        r.json() as Promise<{
          data: { result: { metric: Record<string, string>; value: [number, string] }[] };
        }>,
    );
  beforeAll(async () => {
    env = await isolatedStackEnv();
    const up = await runCli(['up', '--backend', 'native', '--learner', 'Ada'], { env, timeoutMs: 120_000 });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(up.stdout).toContain('your progress  as "Ada"');
  }, 150_000);
  afterAll(async () => {
    // Everything the real stack wrote is a known entry of its state dir: all of it goes.
    const down = await runCli(['down', '--volumes'], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toContain('data deleted');
  });

  it("puts the learner's verdicts into their own Prometheus (job workshop), and a pass after their query", async () => {
    await fetch(
      `${env.WORKSHOP_PROMETHEUS_URL}/api/v1/query?${new URLSearchParams({ query: 'flask_http_request_duration_seconds_count' })}`,
    );
    let passed = '';
    for (let i = 0; i < 50 && passed !== '1'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const r = await prom('workshop_check_passed{job="workshop",check="exercise-1/A/3"}');
      passed = r.data.result[0]?.value[1] ?? '';
    }
    expect(passed).toBe('1');
    const other = await prom(
      'workshop_check_state{job="workshop",check="exercise-1/B/1",state="not_attempted"}',
    );
    expect(other.data.result[0]?.value[1]).toBe('1');
  });

  it('takes a new name and --report-to on a stack that is already up, without a restart', async () => {
    const again = await runCli(
      [
        'up',
        '--backend',
        'native',
        '--learner',
        'Ada Lovelace',
        '--report-to',
        `http://ada:${password}@127.0.0.1:1`,
      ],
      { env },
    );
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('already up');
    expect(again.stdout).toContain('pushed to http://127.0.0.1:1 ');
    const config = (await (await fetch(`${env.WORKSHOP_PROMETHEUS_URL}/api/v1/status/config`)).json()) as {
      data: { yaml: string };
    };
    expect(config.data.yaml).toContain('learner: Ada Lovelace');
    expect(config.data.yaml).toContain('url: http://127.0.0.1:1/api/v1/write');
    // The login goes to basic_auth, its password only in a 0600 file Prometheus reads.
    const secret = path.join(env.WORKSHOP_STATE_DIR as string, 'report-to.secret');
    expect(config.data.yaml).toContain(`password_file: ${secret}`);
    expect((await stat(secret)).mode & 0o777).toBe(0o600);
    // Prometheus reads it: the push is tried (and fails: nothing listens on :1), in its log.
    const log = path.join(env.WORKSHOP_STATE_DIR as string, 'logs', 'prometheus.log');
    for (let i = 0; i < 50 && !(await readFile(log, 'utf8')).includes('127.0.0.1:1'); i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(await readFile(log, 'utf8')).toContain('127.0.0.1:1');
    const again2 = await runCli(['up', '--backend', 'native'], { env });
    expect(again2.stdout + again2.stderr + again.stdout + again.stderr).not.toContain(password);
    for (const name of await readdir(env.WORKSHOP_STATE_DIR as string, { recursive: true })) {
      const file = path.join(env.WORKSHOP_STATE_DIR as string, name);
      if (name === 'report-to.secret' || name.startsWith('prometheus-data') || !(await stat(file)).isFile())
        continue;
      expect(await readFile(file, 'utf8'), name).not.toContain(password);
    }
    const own = await (await fetch(`${env.WORKSHOP_PROGRESS_URL}/metrics`)).text();
    expect(own).toContain('workshop_info{learner="Ada Lovelace",version=');
    const off = await runCli(['up', '--backend', 'native', '--no-report-to'], { env });
    expect(off.exitCode, off.stderr).toBe(0);
    const after = (await (await fetch(`${env.WORKSHOP_PROMETHEUS_URL}/api/v1/status/config`)).json()) as {
      data: { yaml: string };
    };
    expect(after.data.yaml).not.toContain('remote_write');
  });
});
