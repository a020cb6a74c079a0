import { describe, expect, it } from 'vitest';
import { useGrafanaStandIn } from './use-stand-in.js';

// The key sets of Grafana 11.4's dtos.DataSource and dtos.DataSourceListItemDTO.
const DATA_SOURCE_KEYS =
  'access apiVersion basicAuth basicAuthUser database id isDefault jsonData name orgId readOnly secureJsonFields type typeLogoUrl uid url user version withCredentials'.split(
    ' ',
  );
const LIST_ITEM_KEYS =
  'access basicAuth database id isDefault jsonData name orgId readOnly type typeLogoUrl typeName uid url user'.split(
    ' ',
  );

const prometheus = {
  name: 'Prometheus',
  type: 'prometheus',
  uid: 'prometheus',
  url: 'http://prometheus:9090',
  access: 'proxy',
  isDefault: true,
  jsonData: { httpMethod: 'POST' },
};

describe('Grafana stand-in: data sources', () => {
  const { grafana, api } = useGrafanaStandIn();

  it('creates a data source and answers like Grafana', async () => {
    const r = await api('POST', '/api/datasources', { body: prometheus });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 1, message: 'Datasource added', name: 'Prometheus' });
    const { datasource } = r.body as { datasource: Record<string, unknown> };
    expect(Object.keys(datasource).sort()).toEqual(DATA_SOURCE_KEYS);
    expect(datasource).toMatchObject({
      uid: 'prometheus',
      orgId: 1,
      typeLogoUrl: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg',
      access: 'proxy',
      isDefault: true,
      jsonData: { httpMethod: 'POST' },
      secureJsonFields: {},
      version: 1,
      readOnly: false,
    });
  });

  it('finds a data source by name and by uid, and lists it', async () => {
    await api('POST', '/api/datasources', { body: prometheus });
    const byName = await api('GET', '/api/datasources/name/Prometheus');
    const byUid = await api('GET', '/api/datasources/uid/prometheus');
    expect(byName.status).toBe(200);
    expect(byUid.body).toEqual(byName.body);
    const list = await api('GET', '/api/datasources');
    expect(list.body).toHaveLength(1);
    const [item] = list.body as Record<string, unknown>[];
    expect(Object.keys(item ?? {}).sort()).toEqual(LIST_ITEM_KEYS);
    expect(item).toMatchObject({ typeName: 'Prometheus', uid: 'prometheus' });
  });

  it('answers unknown names and uids with 404 Data source not found', async () => {
    for (const path of ['/api/datasources/name/Nope', '/api/datasources/uid/nope']) {
      const r = await api('GET', path);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ message: 'Data source not found' });
    }
  });

  it('matches names exactly (case-sensitive, like SQLite) and decodes the path', async () => {
    await api('POST', '/api/datasources', { body: { ...prometheus, name: 'My Prom' } });
    expect((await api('GET', '/api/datasources/name/My%20Prom')).status).toBe(200);
    expect((await api('GET', '/api/datasources/name/my%20prom')).status).toBe(404);
  });

  it('refuses a second data source with the same name or uid with 409', async () => {
    await api('POST', '/api/datasources', { body: prometheus });
    const sameName = await api('POST', '/api/datasources', { body: { ...prometheus, uid: 'other' } });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toEqual({ message: 'data source with the same name already exists' });
    const sameUid = await api('POST', '/api/datasources', { body: { ...prometheus, name: 'Other' } });
    expect(sameUid.status).toBe(409);
    expect(sameUid.body).toEqual({ message: 'data source with the same uid already exists' });
  });

  it('requires type and access, but names a nameless data source after its type', async () => {
    const noType = await api('POST', '/api/datasources', {
      body: { name: 'x', access: 'proxy', url: 'http://x' },
    });
    expect(noType.status).toBe(400);
    expect(noType.body).toEqual({ message: 'bad request data' });
    const noAccess = await api('POST', '/api/datasources', { body: { name: 'x', type: 'prometheus' } });
    expect(noAccess.status).toBe(400);
    const first = await api('POST', '/api/datasources', { body: { type: 'prometheus', access: 'proxy' } });
    const second = await api('POST', '/api/datasources', { body: { type: 'prometheus', access: 'proxy' } });
    expect((first.body as { name: string }).name).toBe('prometheus');
    expect((second.body as { name: string }).name).toBe('prometheus-1');
  });

  it('makes the first data source the default and moves the default flag', async () => {
    await api('POST', '/api/datasources', { body: { ...prometheus, isDefault: false } });
    expect(grafana().state.dataSources[0]?.isDefault).toBe(true);
    await api('POST', '/api/datasources', { body: { ...prometheus, name: 'B', uid: 'b', isDefault: true } });
    expect(grafana().state.dataSources.map((ds) => ds.isDefault)).toEqual([false, true]);
  });

  it('lists secret keys only, never their values', async () => {
    const r = await api('POST', '/api/datasources', {
      body: {
        ...prometheus,
        basicAuth: true,
        basicAuthUser: 'u',
        secureJsonData: { basicAuthPassword: 'p' },
      },
    });
    expect(r.text).not.toContain('"p"');
    expect((r.body as { datasource: unknown }).datasource).toMatchObject({
      secureJsonFields: { basicAuthPassword: true },
    });
  });

  it('updates by uid, bumps the version and enforces the optimistic lock', async () => {
    await api('POST', '/api/datasources', { body: prometheus });
    const updated = await api('PUT', '/api/datasources/uid/prometheus', {
      body: { ...prometheus, url: 'http://localhost:9090', version: 1 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: 1, message: 'Datasource updated', name: 'Prometheus' });
    expect((updated.body as { datasource: unknown }).datasource).toMatchObject({
      url: 'http://localhost:9090',
      version: 2,
    });
    const stale = await api('PUT', '/api/datasources/uid/prometheus', {
      body: { ...prometheus, version: 1 },
    });
    expect(stale.status).toBe(409);
    const missing = await api('PUT', '/api/datasources/uid/nope', { body: prometheus });
    expect(missing.status).toBe(404);
  });

  it('deletes by uid, then the data source is gone', async () => {
    await api('POST', '/api/datasources', { body: prometheus });
    const deleted = await api('DELETE', '/api/datasources/uid/prometheus');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: 1, message: 'Data source deleted' });
    expect((await api('GET', '/api/datasources/uid/prometheus')).status).toBe(404);
    expect((await api('DELETE', '/api/datasources/uid/prometheus')).status).toBe(404);
  });

  it('protects read-only (provisioned) data sources seeded through the state', async () => {
    grafana().state.addDataSource(prometheus, { readOnly: true });
    const r = await api('DELETE', '/api/datasources/uid/prometheus');
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: 'Cannot delete read-only data source' });
    expect((await api('GET', '/api/datasources/uid/prometheus')).body).toMatchObject({ readOnly: true });
  });
});
