import { describe, expect, it } from 'vitest';
import { errorRateRule } from './alert-rule-fixture.js';
import { useGrafanaStandIn } from './use-stand-in.js';

describe('Grafana stand-in: folders', () => {
  const { grafana, api } = useGrafanaStandIn();

  it('creates a folder and answers with the Folder shape', async () => {
    const r = await api('POST', '/api/folders', { body: { uid: 'workshop', title: 'Workshop' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: 1,
      uid: 'workshop',
      orgId: 1,
      title: 'Workshop',
      url: '/dashboards/f/workshop/workshop',
      hasAcl: false,
      canSave: true,
      canEdit: true,
      canAdmin: true,
      canDelete: true,
      createdBy: 'admin',
      created: expect.stringMatching(/Z$/),
      updatedBy: 'admin',
      updated: expect.stringMatching(/Z$/),
      version: 1,
    });
    expect((await api('GET', '/api/folders/workshop')).body).toEqual(r.body);
  });

  it('lists folders as search hits', async () => {
    grafana().state.addFolder({ uid: 'b', title: 'Beta' });
    grafana().state.addFolder({ uid: 'a', title: 'Alpha' });
    expect((await api('GET', '/api/folders')).body).toEqual([
      { id: 2, uid: 'a', title: 'Alpha' },
      { id: 1, uid: 'b', title: 'Beta' },
    ]);
  });

  it('answers an unknown folder with 404 folder not found', async () => {
    const r = await api('GET', '/api/folders/nope');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: 'folder not found', status: 'not-found' });
  });

  it('refuses a taken uid with 409 but accepts a repeated title (Grafana 11.3+)', async () => {
    await api('POST', '/api/folders', { body: { uid: 'workshop', title: 'Workshop' } });
    const sameUid = await api('POST', '/api/folders', { body: { uid: 'workshop', title: 'Other' } });
    expect(sameUid.status).toBe(409);
    expect(sameUid.body).toEqual({ message: 'a folder/dashboard with the same uid already exists' });
    expect((await api('POST', '/api/folders', { body: { title: 'Workshop' } })).status).toBe(200);
  });

  it('refuses an empty title with 400', async () => {
    const r = await api('POST', '/api/folders', { body: { uid: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: 'folder title cannot be empty' });
  });

  it('deletes a folder together with its dashboards', async () => {
    grafana().state.addFolder({ uid: 'workshop', title: 'Workshop' });
    grafana().state.addDashboard({ title: 'In folder', uid: 'inside' }, 'workshop');
    grafana().state.addDashboard({ title: 'At root', uid: 'outside' });
    const r = await api('DELETE', '/api/folders/workshop');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ message: 'Folder deleted' });
    expect(grafana().state.dashboards.map((d) => d.uid)).toEqual(['outside']);
    expect((await api('GET', '/api/folders/workshop')).status).toBe(404);
  });

  it('keeps a folder with alert rules unless forceDeleteRules=true, which deletes the rules too', async () => {
    grafana().state.addFolder({ uid: 'alerts', title: 'Alerts' });
    grafana().state.addAlertRule(errorRateRule('alerts'));
    const refused = await api('DELETE', '/api/folders/alerts');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: 'folder cannot be deleted: folder contains alert rules' });
    expect((await api('DELETE', '/api/folders/alerts?forceDeleteRules=true')).status).toBe(200);
    expect(grafana().state.alertRules).toHaveLength(0);
  });
});
