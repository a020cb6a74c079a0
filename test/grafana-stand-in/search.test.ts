import { beforeAll, describe, expect, it } from 'vitest';
import { useGrafanaStandIn } from './use-stand-in.js';

type Hit = Record<string, unknown>;

describe('Grafana stand-in: search', () => {
  const { grafana, api } = useGrafanaStandIn({ resetEachTest: false });
  const search = async (qs: string) => (await api('GET', `/api/search?${qs}`)).body as Hit[];

  beforeAll(async () => {
    const { state } = grafana();
    state.addFolder({ uid: 'workshop', title: 'Workshop' });
    state.addDashboard({ title: 'Golden Signals Workshop', uid: 'golden', tags: ['golden', 'sre'] });
    state.addDashboard({ title: 'Golden Signals Workshop', uid: 'golden-copy' }, 'workshop');
    state.addDashboard({ title: 'Node Exporter', uid: 'node', tags: ['sre'] });
  });

  it('matches a case-insensitive title substring and sorts by title', async () => {
    const hits = await search('type=dash-db&query=signals%20WORK');
    expect(hits.map((h) => h.uid).sort()).toEqual(['golden', 'golden-copy']);
    expect((await search('type=dash-db')).map((h) => h.title)).toEqual([
      'Golden Signals Workshop',
      'Golden Signals Workshop',
      'Node Exporter',
    ]);
  });

  it('leaves the folder fields out for root dashboards and fills them for foldered ones', async () => {
    const hits = await search('type=dash-db&query=Golden');
    const root = hits.find((h) => h.uid === 'golden');
    const inFolder = hits.find((h) => h.uid === 'golden-copy');
    expect(root).toEqual({
      id: expect.any(Number),
      uid: 'golden',
      title: 'Golden Signals Workshop',
      uri: 'db/golden-signals-workshop',
      url: '/d/golden/golden-signals-workshop',
      slug: 'golden-signals-workshop',
      type: 'dash-db',
      tags: ['golden', 'sre'],
      isStarred: false,
      sortMeta: 0,
      isDeleted: false,
    });
    expect(inFolder).toMatchObject({
      folderUid: 'workshop',
      folderTitle: 'Workshop',
      folderUrl: '/dashboards/f/workshop/workshop',
      folderId: expect.any(Number),
    });
  });

  it('finds folders with type=dash-folder and lists folders first without a type', async () => {
    expect(await search('type=dash-folder')).toEqual([
      expect.objectContaining({
        uid: 'workshop',
        type: 'dash-folder',
        url: '/dashboards/f/workshop/workshop',
      }),
    ]);
    const all = await search('');
    expect(all[0]).toMatchObject({ type: 'dash-folder' });
    expect(all).toHaveLength(4);
  });

  it('pages with limit and page, and filters by tag and folder', async () => {
    expect((await search('type=dash-db&limit=2&page=1')).map((h) => h.uid)).toHaveLength(2);
    expect((await search('type=dash-db&limit=2&page=2')).map((h) => h.uid)).toEqual(['node']);
    expect((await search('tag=sre&tag=golden')).map((h) => h.uid)).toEqual(['golden']);
    expect((await search('folderUIDs=workshop')).map((h) => h.uid)).toEqual(['golden-copy']);
  });

  it('refuses a limit above 5000 with 422', async () => {
    const r = await api('GET', '/api/search?limit=5001');
    expect(r.status).toBe(422);
  });
});
