import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classDashboardFile, classDataSourceUid } from '../cli/class/class-compose.js';
import { allPanels, resolveDataSource, targetsOf, unitOf } from '../cli/grafana/dashboard-model.js';
import { parseCompose } from './helpers/compose-spec.js';
import { runCli } from './helpers/run-cli.js';
import { standInPath } from './helpers/stand-in-path.js';

// The class stack for Docker, checked statically (no Docker engine here): the generated compose
// file follows the Compose Specification, its Prometheus config passes promtool, Grafana gets the
// class Prometheus and the class dashboard provisioned, and `class up` / `down` drive compose.
describe('workshop class up --backend compose', () => {
  it('writes a valid class stack with Grafana provisioned, runs compose up --wait, and down', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-class-compose-'));
    const roster = path.join(dir, 'roster.yaml');
    await writeFile(roster, 'learners:\n  - name: Ada\n    prometheus: http://10.0.0.11:9090\n');
    const classDir = path.join(dir, 'class');
    expect((await runCli(['class', 'init', '--roster', roster, '--dir', classDir])).exitCode).toBe(0);
    const env = {
      PATH: await standInPath(['docker']),
      STANDIN_DOCKER_LOG: path.join(dir, 'calls.log'),
      STANDIN_DOCKER_STATE: path.join(dir, 'docker-state'),
    };
    const up = await runCli(['class', 'up', '--backend', 'compose', '--dir', classDir, '--timeout', '30'], {
      env,
    });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(up.stdout).toContain('The class dashboard: http://127.0.0.1:3005/d/workshop-class');
    const calls = (await readFile(env.STANDIN_DOCKER_LOG, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).join(' '));
    expect(calls.at(-1)).toBe(
      `compose --file ${path.join(classDir, 'docker-compose.yml')} --project-directory ${classDir} up -d --wait --wait-timeout 30`,
    );

    const compose = parseCompose(
      await readFile(path.join(classDir, 'docker-compose.yml'), 'utf8'),
      'class compose',
    );
    expect(Object.keys(compose.services)).toEqual(['prometheus', 'grafana']);
    expect(compose.services.prometheus?.command).toContain('--web.enable-remote-write-receiver');
    expect(compose.services.prometheus?.ports).toEqual(['127.0.0.1:9095:9090']);
    const { stdout } = await promisify(execFile)(
      'promtool',
      ['check', 'config', '--syntax-only', path.join(classDir, 'prometheus-compose.yml')],
      { timeout: 20_000 },
    );
    expect(stdout).toMatch(/SUCCESS/);
    const ds = parse(
      await readFile(path.join(classDir, 'grafana/provisioning/datasources/class.yml'), 'utf8'),
    );
    expect(ds.datasources[0]).toMatchObject({
      uid: classDataSourceUid,
      type: 'prometheus',
      url: 'http://prometheus:9090',
    });
    expect(await readFile(path.join(classDir, 'grafana/dashboards/class.json'), 'utf8')).toBe(
      await readFile(classDashboardFile, 'utf8'),
    );

    const down = await runCli(['class', 'down', '--dir', classDir], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect((await readFile(env.STANDIN_DOCKER_LOG, 'utf8')).trim().split('\n').at(-1)).toContain('"down"');
  });
});

describe('the class dashboard, read by the Exercise 2 dashboard reader', () => {
  it('has its panels on the class data source, each with a PromQL query that parses', async () => {
    const classDs = { uid: classDataSourceUid, name: 'Workshop class', type: 'prometheus', isDefault: true };
    const dashboard = JSON.parse(await readFile(classDashboardFile, 'utf8'));
    const panels = allPanels(dashboard);
    expect(panels.map((p) => [p.title, p.type])).toEqual([
      ['Learners seen', 'stat'],
      ['Checks passed, whole class', 'stat'],
      ['Score by learner', 'bargauge'],
      ['Learners per check passed', 'table'],
      ['Stuck for more than 10 minutes', 'table'],
      ['Checks passed over time', 'timeseries'],
    ]);
    expect(unitOf(panels[2] as (typeof panels)[number])).toBe('percent');
    for (const p of panels) {
      for (const t of targetsOf(p)) {
        const ds = resolveDataSource(t.datasource, dashboard, [classDs]);
        expect(ds, p.title).toBe(classDs);
        const tree = parser.parse(t.expr);
        let broken = false;
        tree.iterate({
          enter: (n) => {
            if (n.type.isError) broken = true;
          },
        });
        expect(broken, `${p.title}: ${t.expr}`).toBe(false);
        expect(t.expr).toMatch(/workshop_/);
      }
    }
  });
});
