import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useGrafanaStandIn } from './use-stand-in.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/grafana');
const readFixture = async (name: string) =>
  JSON.parse(await readFile(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;

describe('Grafana stand-in: real dashboard exports (dotdc, Apache-2.0)', () => {
  const { api } = useGrafanaStandIn({ resetEachTest: false });

  it('carries a license note naming the source and licence', async () => {
    const note = await readFile(path.join(fixtures, 'LICENSE-NOTE.md'), 'utf8');
    expect(note).toContain('github.com/dotdc/grafana-dashboards-kubernetes');
    expect(note).toContain('7fc1dc8');
    expect(note).toContain('Apache License, Version 2.0');
    expect(note).toContain('rfmoz/grafana-dashboards');
  });

  it.each([
    ['dotdc-k8s-system-api-server.json', 'k8s_system_apisrv', 'kubernetes-system-api-server'],
    ['dotdc-k8s-system-coredns.json', 'k8s_system_coredns', 'kubernetes-system-coredns'],
  ])('imports %s unchanged and serves it back', async (file, uid, slug) => {
    const exported = await readFixture(file);
    const saved = await api('POST', '/api/dashboards/db', { body: { dashboard: exported, overwrite: true } });
    expect(saved.status).toBe(200);
    // An exported dashboard keeps its old version number; as a new dashboard it starts at 1.
    expect(saved.body).toMatchObject({ uid, slug, version: 1 });
    const back = (await api('GET', `/api/dashboards/uid/${uid}`)).body as {
      dashboard: Record<string, unknown>;
    };
    expect(back.dashboard.panels).toEqual(exported.panels);
    expect(back.dashboard.__inputs).toEqual(exported.__inputs);
    const hits = (
      await api('GET', `/api/search?type=dash-db&query=${encodeURIComponent(String(exported.title))}`)
    ).body;
    expect(hits).toEqual([expect.objectContaining({ uid, tags: exported.tags })]);
  });
});
