import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classDataSourceUid } from '../cli/class/class-compose.js';
import { GrafanaClient } from '../cli/grafana/client.js';
import { allPanels, resolveDataSource, targetsOf } from '../cli/grafana/dashboard-model.js';
import { type GrafanaStandIn, startGrafanaStandIn } from './grafana-stand-in/index.js';
import { stablePort } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// A native class Prometheus next to the instructor's own Grafana (the stand-in here): `class up
// --grafana-url` puts the class data source and dashboard into it, read back with the project's
// own Grafana client and dashboard reader.
describe('workshop class up --grafana-url', () => {
  let grafana: GrafanaStandIn;
  let classDir = '';
  beforeAll(async () => {
    grafana = await startGrafanaStandIn({ adminPassword: 'foobar' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-class-grafana-'));
    classDir = path.join(dir, 'class');
    await writeFile(path.join(dir, 'roster.yaml'), 'learners:\n  - name: Ada\n');
    expect(
      (await runCli(['class', 'init', '--roster', path.join(dir, 'roster.yaml'), '--dir', classDir]))
        .exitCode,
    ).toBe(0);
  });
  afterAll(async () => {
    await runCli(['class', 'down', '--dir', classDir]);
    await grafana.close();
  });

  it('creates the class data source and dashboard, and updates them when run again', async () => {
    const port = await stablePort();
    const args = ['class', 'up', '--dir', classDir, '--port', String(port), '--grafana-url', grafana.url];
    const up = await runCli(args);
    expect(up.exitCode, up.stderr).toBe(0);
    expect(up.stdout).toContain(`data source Workshop class: created (URL http://127.0.0.1:${port})`);
    const client = new GrafanaClient(grafana.url, { user: 'admin', password: 'foobar' });
    const ds = (await client.dataSources()).find((d) => d.uid === classDataSourceUid);
    expect(ds).toMatchObject({ type: 'prometheus', url: `http://127.0.0.1:${port}`, access: 'proxy' });
    const { dashboard } = await client.dashboard('workshop-class');
    const panels = allPanels(dashboard);
    expect(panels).toHaveLength(6);
    for (const p of panels)
      for (const t of targetsOf(p))
        expect(resolveDataSource(t.datasource, dashboard, ds ? [ds] : [])).toBe(ds);

    await runCli(['class', 'down', '--dir', classDir]);
    const again = await runCli(args);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('data source Workshop class: updated');
  }, 60_000);

  it('refuses a wrong password with exit 3 and says so, after the class Prometheus is up', async () => {
    await runCli(['class', 'down', '--dir', classDir]);
    const r = await runCli([
      'class',
      'up',
      '--dir',
      classDir,
      '--port',
      String(await stablePort()),
      '--grafana-url',
      grafana.url,
      '--grafana-password',
      'wrong',
    ]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('wrong Grafana user or password');
  }, 60_000);
});
