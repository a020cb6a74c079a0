import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposeE2e, prepareComposeE2e } from './compose/prepare.js';
import { root, runCli } from './helpers/run-cli.js';

// The compose stack as learners run it: the shipped docker-compose.yml, started for real by
// Compose v2 on a Docker engine, with only the images swapped for local ones (COMPOSE_FILE adds
// test/compose/local-images.yml): Prometheus 3.5 and cAdvisor from Debian's packages, our webapp
// and progress images from our Dockerfiles; Grafana and statsd-exporter are stand-ins.
// No engine or not root: the setup fails and says what to do; nothing is skipped.
interface CheckDoc {
  id: string;
  status: string;
  message: string;
  work?: { query: string };
}
const prometheus = 'http://localhost:9090';

describe('the compose stack, started for real (local images)', () => {
  let e2e: ComposeE2e;
  let env: Record<string, string>;
  const cli = (args: string[], timeoutMs = 120_000) => runCli(args, { env, timeoutMs });
  const docker = (args: string[]) => execa('docker', args, { env: e2e.env, reject: false, cwd: root });
  const ui = async (query: string) => {
    const params = new URLSearchParams({ query, time: String(Date.now() / 1000) });
    return (await fetch(`${prometheus}/api/v1/query?${params}`)).status;
  };
  const check = async (exercise: string) => {
    const r = await cli(['check', exercise, '--json', '--wait', '0']);
    const doc = JSON.parse(r.stdout);
    const sections = Object.fromEntries(
      (doc.exercises as { section?: string; checks: CheckDoc[] }[]).map((e) => [
        e.section ?? exercise,
        Object.fromEntries(e.checks.map((c) => [c.id, c])),
      ]),
    );
    return { r, sections };
  };
  /** What the engine holds of the compose project "prometheus": containers, networks, volumes. */
  const leftovers = async () => {
    const filter = ['--filter', 'label=com.docker.compose.project=prometheus'];
    const lines = async (args: string[]) => (await docker(args)).stdout.split('\n').filter(Boolean);
    return [
      ...(await lines(['ps', '--all', '--quiet', ...filter])),
      ...(await lines(['network', 'ls', '--quiet', ...filter])),
      ...(await lines(['volume', 'ls', '--quiet', ...filter])),
    ];
  };

  beforeAll(async () => {
    e2e = await prepareComposeE2e((m) => process.stderr.write(`[compose e2e] ${m}\n`));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-compose-e2e-'));
    env = { ...e2e.env, WORKSHOP_STATE_DIR: path.join(dir, 'state') };
    // A stack left by an interrupted earlier run of this test would hold the ports.
    await execa('docker', ['compose', 'down', '--volumes'], { env, cwd: root, reject: false });
  }, 30 * 60_000);
  afterAll(async () => {
    if (!e2e) return;
    await execa('docker', ['compose', 'down', '--volumes'], { env, cwd: root, reject: false });
    await e2e.stop();
  }, 120_000);

  it('up --backend compose: every service healthy (docker compose up --wait), the query log on', async () => {
    const r = await cli(
      ['up', '--backend', 'compose', '--learner', 'Ada Lovelace', '--timeout', '400'],
      600_000,
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('The compose stack is up (--backend compose).');
    // Compose's own COMPOSE_FILE was honoured: the running Prometheus is the local 3.5 image.
    const image = await docker(['inspect', '--format', '{{.Config.Image}}', 'prometheus-server']);
    expect(image.stdout.trim()).toBe('workshop-e2e/prometheus:3.5-debian');
    const build = (await (await fetch(`${prometheus}/api/v1/status/buildinfo`)).json()) as {
      data: { version: string };
    };
    expect(build.data.version).toMatch(/^3\.5\./);
    const status = await cli(['status', '--json']);
    expect(status.exitCode, status.stdout).toBe(0);
  }, 620_000);

  it('grades a learner session against Prometheus 3.5, Part D against real cAdvisor', async () => {
    const traffic = await cli(['traffic', 'quick', '--time-scale', '0.1', '--seed', '3', '--json']);
    expect(traffic.exitCode, traffic.stderr).toBe(0);
    // Two cAdvisor housekeeping rounds and scrapes, so rate() over container CPU has two samples.
    await new Promise((r) => setTimeout(r, 25_000));
    // The original text's trap first, as a learner following it would: the id label is a cgroup
    // path, it never holds the container name, so the query answers nothing and D/3 fails.
    expect(await ui('rate(container_cpu_usage_seconds_total{id=~".*prometheus-webapp.*"}[5m]) * 100')).toBe(
      200,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const trapped = (await check('exercise-1')).sections.work as Record<string, CheckDoc>;
    const trap = trapped['exercise-1/D/3'];
    expect(trap?.status, JSON.stringify(trap)).toBe('fail');
    expect(trap?.work?.query).toContain('id=~".*prometheus-webapp.*"');
    // The reason the workshop text gives: the id is the cgroup path, the name is in `name`.
    expect(trap?.message).toContain(
      "looks for the container's name in its id, but cAdvisor's id is the cgroup path",
    );
    expect(trap?.message).toContain('the name is in the name label');

    // Then the right queries; a person types them seconds apart (the 3.5 UI's tree view is not).
    const count = 'flask_http_request_duration_seconds_count';
    expect(await ui(count)).toBe(200); // A/3, right
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await ui('container_memory_usage_bytes{name!=""} / 1024 / 1024')).toBe(200); // D/2, right
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await ui('rate(container_cpu_usage_seconds_total{name="prometheus-webapp"}[5m]) * 100')).toBe(200); // D/3
    await new Promise((r) => setTimeout(r, 1_000));

    const { r, sections } = await check('exercise-1');
    expect(r.stderr).not.toContain('internal error');
    const work = sections.work as Record<string, CheckDoc>;
    const stack = sections.stack as Record<string, CheckDoc>;
    expect(work['exercise-1/A/3']?.status).toBe('pass');
    expect(work['exercise-1/D/2']?.status, JSON.stringify(work['exercise-1/D/2'])).toBe('pass');
    expect(work['exercise-1/D/3']?.status, JSON.stringify(work['exercise-1/D/3'])).toBe('pass');
    expect(work['exercise-1/D/3']?.work?.query).toContain('name="prometheus-webapp"');
    // The stack's own Part D checks, on what real cAdvisor reports of the running containers.
    for (const id of ['exercise-1/D/1', 'exercise-1/D/2', 'exercise-1/D/3'])
      expect(stack[id]?.status, JSON.stringify(stack[id])).toBe('pass');
  }, 120_000);

  it('the progress service grades from the query log in the volume, and Prometheus scrapes it', async () => {
    const info = await (await fetch('http://localhost:9199/metrics')).text();
    expect(info).toContain('workshop_info{learner="Ada Lovelace"');
    const probe = await (await fetch('http://localhost:9199/probe?module=exercise-1')).text();
    expect(probe).toMatch(/workshop_check_passed\{[^}]*check="exercise-1\/A\/3"[^}]*\} 1/);
    // Scraped by the stack's Prometheus (job workshop), with the learner as external label.
    await new Promise((r) => setTimeout(r, 3_000));
    const q = new URLSearchParams({ query: 'workshop_check_passed{check="exercise-1/A/3"} # workshop' });
    const scraped = (await (await fetch(`${prometheus}/api/v1/query?${q}`)).json()) as {
      data: { result: { value: [number, string] }[] };
    };
    expect(scraped.data.result.map((s) => s.value[1])).toContain('1');
  }, 60_000);

  it('up --learner on the running stack recreates what reads the name; up again has nothing to do', async () => {
    const renamed = await cli(
      ['up', '--backend', 'compose', '--learner', 'Grace Hopper', '--timeout', '300'],
      400_000,
    );
    expect(renamed.exitCode, renamed.stderr).toBe(0);
    expect(renamed.stdout).toMatch(/recreated .*prometheus.* to apply the learner name/);
    expect(await (await fetch('http://localhost:9199/metrics')).text()).toContain(
      'workshop_info{learner="Grace Hopper"',
    );
    // Prometheus reads the name from its environment: its external label, which federation adds.
    const federated = await fetch(`${prometheus}/federate?match[]=prometheus_build_info`);
    expect(await federated.text()).toContain('learner="Grace Hopper"');
    const again = await cli(['up', '--backend', 'compose']);
    expect(again.stdout).toContain('The compose stack is already up; nothing to do.');
  }, 420_000);

  it('solve / check / --undo Exercise 2 against the Grafana stand-in, its Save & test inside the compose network', async () => {
    const solved = await cli(['solve', 'exercise-2']);
    expect(solved.exitCode, solved.stderr).toBe(0);
    const after = await check('exercise-2');
    const checks = Object.values(after.sections['exercise-2'] as Record<string, CheckDoc>);
    expect(
      checks.filter((c) => c.status !== 'pass'),
      JSON.stringify(checks, null, 2),
    ).toEqual([]);
    // The data source's health check went from the Grafana container to http://prometheus:9090.
    const auth = `Basic ${Buffer.from('admin:foobar').toString('base64')}`;
    const sources = (await (
      await fetch('http://localhost:3000/api/datasources', { headers: { authorization: auth } })
    ).json()) as { type: string; url: string; uid: string }[];
    const ds = sources.find((s) => s.type === 'prometheus');
    expect(ds?.url).toBe('http://prometheus:9090');
    const health = await fetch(`http://localhost:3000/api/datasources/uid/${ds?.uid}/health`, {
      headers: { authorization: auth },
    });
    expect(health.status).toBe(200);
    const undone = await cli(['solve', 'exercise-2', '--undo']);
    expect(undone.exitCode, undone.stderr).toBe(0);
    const again = await check('exercise-2');
    expect(
      Object.values(again.sections['exercise-2'] as Record<string, CheckDoc>).some(
        (c) => c.status === 'fail',
      ),
    ).toBe(true);
  }, 120_000);

  it('down keeps the data, down --volumes leaves no container, network or volume', async () => {
    const down = await cli(['down']);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(
      (await docker(['volume', 'ls', '--quiet', '--filter', 'label=com.docker.compose.project=prometheus']))
        .stdout,
    ).toContain('prometheus_data');
    const up = await cli(['up', '--backend', 'compose', '--timeout', '400'], 600_000);
    expect(up.exitCode, up.stderr).toBe(0);
    const gone = await cli(['down', '--volumes']);
    expect(gone.exitCode, gone.stderr).toBe(0);
    expect(await leftovers()).toEqual([]);
  }, 1_300_000);
});
