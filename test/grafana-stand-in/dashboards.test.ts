import { describe, expect, it } from 'vitest';
import { useGrafanaStandIn } from './use-stand-in.js';

// dtos.DashboardMeta of Grafana 11.4 (isStarred is omitempty, so absent when false).
const META_KEYS =
  'annotationsPermissions canAdmin canDelete canEdit canSave canStar created createdBy expires folderId folderTitle folderUid folderUrl hasAcl isFolder provisioned provisionedExternalId publicDashboardEnabled slug type updated updatedBy url version'.split(
    ' ',
  );

const golden = { title: 'Golden Signals Workshop', uid: 'golden-signals', panels: [], tags: ['workshop'] };

describe('Grafana stand-in: dashboards', () => {
  const { grafana, api } = useGrafanaStandIn();

  it('saves a new dashboard at the root and answers with its id, uid, url and version 1', async () => {
    const r = await api('POST', '/api/dashboards/db', {
      body: { dashboard: { ...golden, id: null }, message: 'hi' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      folderUid: '',
      id: 1,
      slug: 'golden-signals-workshop',
      status: 'success',
      uid: 'golden-signals',
      url: '/d/golden-signals/golden-signals-workshop',
      version: 1,
    });
  });

  it('generates a uid when the dashboard has none', async () => {
    const r = await api('POST', '/api/dashboards/db', { body: { dashboard: { title: 'No uid' } } });
    expect((r.body as { uid: string }).uid).toMatch(/^[a-z][a-z0-9]{13}$/);
  });

  it('returns the saved model with id, uid and version, and meta for a root dashboard', async () => {
    await api('POST', '/api/dashboards/db', { body: { dashboard: golden } });
    const r = await api('GET', '/api/dashboards/uid/golden-signals');
    expect(r.status).toBe(200);
    const { dashboard, meta } = r.body as {
      dashboard: Record<string, unknown>;
      meta: Record<string, unknown>;
    };
    expect(dashboard).toMatchObject({ ...golden, id: 1, version: 1 });
    expect(Object.keys(meta).sort()).toEqual(META_KEYS);
    expect(meta).toMatchObject({
      type: 'db',
      slug: 'golden-signals-workshop',
      url: '/d/golden-signals/golden-signals-workshop',
      folderId: 0,
      folderUid: '',
      folderTitle: 'General',
      folderUrl: '',
      version: 1,
      provisioned: false,
      expires: '0001-01-01T00:00:00Z',
    });
    expect(meta.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('saves into a folder and reports the folder in meta', async () => {
    const folder = grafana().state.addFolder({ uid: 'workshop', title: 'Workshop' });
    const saved = await api('POST', '/api/dashboards/db', {
      body: { dashboard: golden, folderUid: 'workshop' },
    });
    expect(saved.body).toMatchObject({ folderUid: 'workshop' });
    const { meta } = (await api('GET', '/api/dashboards/uid/golden-signals')).body as { meta: unknown };
    expect(meta).toMatchObject({
      folderId: folder.id,
      folderUid: 'workshop',
      folderTitle: 'Workshop',
      folderUrl: '/dashboards/f/workshop/workshop',
    });
  });

  it('answers an unknown folder with 400', async () => {
    const r = await api('POST', '/api/dashboards/db', { body: { dashboard: golden, folderUid: 'nope' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: 'folder not found' });
  });

  it('updates with the current version and refuses a stale one unless overwrite is set', async () => {
    await api('POST', '/api/dashboards/db', { body: { dashboard: golden } });
    const updated = await api('POST', '/api/dashboards/db', {
      body: { dashboard: { ...golden, version: 1 } },
    });
    expect(updated.body).toMatchObject({ id: 1, version: 2 });
    const stale = await api('POST', '/api/dashboards/db', { body: { dashboard: { ...golden, version: 1 } } });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({
      message: 'The dashboard has been changed by someone else',
      status: 'version-mismatch',
    });
    const forced = await api('POST', '/api/dashboards/db', { body: { dashboard: golden, overwrite: true } });
    expect(forced.body).toMatchObject({ id: 1, version: 3 });
  });

  it('allows a second dashboard with the same title in the same folder (Grafana 11.3+)', async () => {
    await api('POST', '/api/dashboards/db', { body: { dashboard: golden } });
    const twin = await api('POST', '/api/dashboards/db', { body: { dashboard: { title: golden.title } } });
    expect(twin.status).toBe(200);
    expect(grafana().state.dashboards).toHaveLength(2);
  });

  it('refuses a missing dashboard or an empty title with 400', async () => {
    for (const body of [{}, { dashboard: { title: '  ' } }]) {
      const r = await api('POST', '/api/dashboards/db', { body });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ message: 'Dashboard title cannot be empty', status: 'empty-name' });
    }
  });

  it('refuses an illegal uid with 400', async () => {
    const r = await api('POST', '/api/dashboards/db', { body: { dashboard: { title: 'x', uid: 'a b' } } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: 'uid contains illegal characters' });
  });

  it('deletes by uid, then answers 404 Dashboard not found', async () => {
    await api('POST', '/api/dashboards/db', { body: { dashboard: golden } });
    const deleted = await api('DELETE', '/api/dashboards/uid/golden-signals');
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({
      message: 'Dashboard Golden Signals Workshop deleted',
      title: 'Golden Signals Workshop',
      uid: 'golden-signals',
    });
    const gone = await api('GET', '/api/dashboards/uid/golden-signals');
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ message: 'Dashboard not found' });
    expect((await api('DELETE', '/api/dashboards/uid/golden-signals')).status).toBe(404);
  });
});
