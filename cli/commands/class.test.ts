import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fakeHttp, fakeProcesses, runInProcess } from '../../test/helpers/in-process.js';

async function rosterFile(text: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-roster-'));
  const file = path.join(dir, 'roster.yaml');
  await writeFile(file, text);
  return { dir, file };
}

describe('workshop class init (in process)', () => {
  it('writes a federation job over a file_sd list made from the roster, and takes an edited roster again', async () => {
    const { dir, file } = await rosterFile(
      'class: room 1\nlearners:\n  - name: Ada\n    prometheus: http://10.0.0.11:9090\n  - name: Bob\n',
    );
    const classDir = path.join(dir, 'class');
    const r = await runInProcess(['class', 'init', '--roster', file, '--dir', classDir, '--shard', '1/3']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 learners federated, 1 pushing');
    const config = parse(await readFile(path.join(classDir, 'prometheus.yml'), 'utf8'));
    const job = config.scrape_configs[0];
    expect(job).toMatchObject({
      job_name: 'workshop-class',
      honor_labels: true,
      metrics_path: '/federate',
      params: { 'match[]': ['{__name__=~"workshop_.*"}'] },
    });
    expect(job.file_sd_configs[0].files).toEqual([path.join(classDir, 'learners.json')]);
    expect(job.relabel_configs).toEqual([
      { source_labels: ['learner'], modulus: 3, target_label: '__tmp_shard', action: 'hashmod' },
      { source_labels: ['__tmp_shard'], regex: '1', action: 'keep' },
    ]);
    expect(JSON.parse(await readFile(path.join(classDir, 'learners.json'), 'utf8'))).toEqual([
      { targets: ['10.0.0.11:9090'], labels: { learner: 'Ada', roster_learner: 'Ada', __scheme__: 'http' } },
    ]);
    await writeFile(file, 'learners:\n  - name: Ada\n    prometheus: https://ada.example:9443/prom\n');
    expect((await runInProcess(['class', 'init', '--roster', file, '--dir', classDir])).exitCode).toBe(0);
    expect(JSON.parse(await readFile(path.join(classDir, 'learners.json'), 'utf8'))).toEqual([
      {
        targets: ['ada.example:9443'],
        labels: {
          learner: 'Ada',
          roster_learner: 'Ada',
          __scheme__: 'https',
          __metrics_path__: '/prom/federate',
        },
      },
    ]);
  });

  it.each([
    ['duplicate names', 'learners:\n  - name: Ada\n  - name: ada\n', /learners 0 and 1 are both named "ada"/],
    [
      'a URL that is not one',
      'learners:\n  - name: Ada\n    prometheus: 10.0.0.11:9090\n',
      /learners\.0\.prometheus/,
    ],
    ['a name that is markup', 'learners:\n  - name: "<b>Ada</b>"\n', /learners\.0\.name/],
    ['no learners', 'learners: []\n', /no learners/],
    ['not YAML', 'learners: [\n', /is not YAML/],
    ['an unknown key', 'learners:\n  - name: Ada\n    url: http://x:9090\n', /Unrecognized key/],
    [
      'a URL with a login (federation would drop it)',
      'learners:\n  - name: Ada\n    prometheus: http://u:pw-secret@10.0.0.11:9090\n',
      /learners\.0\.prometheus: has a login in it \(user:password@\)/,
    ],
    [
      'a URL with only a user',
      'learners:\n  - name: Ada\n    prometheus: https://ada@10.0.0.11:9090\n',
      /learners\.0\.prometheus: has a login in it/,
    ],
    [
      'a URL with a query (federation sends its own)',
      'learners:\n  - name: Ada\n    prometheus: http://10.0.0.11:9090/?x=a@b\n',
      /learners\.0\.prometheus: has a query/,
    ],
  ])('refuses %s with one line and exit 2, writing nothing', async (_what, text, message) => {
    const { dir, file } = await rosterFile(text);
    const r = await runInProcess(['class', 'init', '--roster', file, '--dir', path.join(dir, 'class')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('pw-secret');
    expect(await readdir(dir)).toEqual(['roster.yaml']);
  });

  it('refuses a missing roster, a bad shard, and status of a folder with no class, as usage errors', async () => {
    expect((await runInProcess(['class', 'init', '--roster', '/nonexistent/roster.yaml'])).exitCode).toBe(2);
    const { file } = await rosterFile('learners:\n  - name: Ada\n');
    for (const shard of ['2/2', 'x', '1/0'])
      expect((await runInProcess(['class', 'init', '--roster', file, '--shard', shard])).exitCode).toBe(2);
    const none = await runInProcess(['class', 'status', '--dir', '/nonexistent/class']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('run `workshop class init --roster roster.yaml` first');
  });

  it('class up on a class already up says where, and that a --host or --port given now is not applied', async () => {
    const { dir, file } = await rosterFile('learners:\n  - name: Ada\n');
    const classDir = path.join(dir, 'class');
    await runInProcess(['class', 'init', '--roster', file, '--dir', classDir]);
    const procs = fakeProcesses();
    const { pid, startTime } = await procs.processes.start({ command: 'prometheus', args: [] }, 'log');
    await writeFile(
      path.join(classDir, 'stack.json'),
      JSON.stringify({
        backend: 'native',
        startedAt: '2026-12-05T09:00:00.000Z',
        urls: { prometheus: 'http://127.0.0.1:9400' },
        processes: { prometheus: { pid, startTime, port: 9400, log: 'log' } },
        unavailable: {},
      }),
    );
    const up = (...flags: string[]) =>
      runInProcess(['class', 'up', '--dir', classDir, '--backend', 'native', ...flags], {
        processes: procs.processes,
      });
    const same = await up('--port', '9400');
    expect(same.exitCode, same.stderr).toBe(0);
    expect(same.stdout).toBe('The class Prometheus is already up at http://127.0.0.1:9400.\n');
    expect((await up()).stdout).toBe('The class Prometheus is already up at http://127.0.0.1:9400.\n');
    const moved = await up('--port', '9500');
    expect(moved.exitCode, moved.stderr).toBe(0);
    expect(moved.stdout).toBe(
      `The class Prometheus is already up at http://127.0.0.1:9400. --port applies when it starts: \`workshop class down --dir ${classDir}\` first to move it.\n`,
    );
    expect(procs.started).toHaveLength(1);
  });

  it('exits 3 with the reason when the class Prometheus does not answer', async () => {
    const { dir, file } = await rosterFile('learners:\n  - name: Ada\n');
    const classDir = path.join(dir, 'class');
    await runInProcess(['class', 'init', '--roster', file, '--dir', classDir]);
    const r = await runInProcess(
      ['class', 'status', '--dir', classDir, '--prometheus-url', 'http://127.0.0.1:1'],
      {
        http: fakeHttp({}, 'refuse').http,
      },
    );
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^workshop: .*127\.0\.0\.1:1/);
  });
});
