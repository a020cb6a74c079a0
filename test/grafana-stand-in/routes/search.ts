import { apiError, json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import type { Db, StoredFolder } from '../model/records.js';
import type { StandInState } from '../state.js';
import { findFolder } from '../store/folders.js';
import { dashboardHit, folderHit, type SearchHit } from '../views/search-hit.js';

// GET /api/search (pkg/api/search.go, docs/sources/developers/http_api/folder_dashboard_search.md):
// `query` is a case-insensitive title substring (SQL LIKE), `type` narrows to dash-db or dash-folder,
// `limit` defaults to 1000 and may not exceed 5000 (422), `page` starts at 1; folders sort before
// dashboards, then titles alphabetically (model.HitList). "general" in folderUIDs means the root.
const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 5000;

function allHits(db: Db): { hit: SearchHit; folderUid: string; tags: string[] }[] {
  const parentOf = (f: StoredFolder) => (f.parentUid === '' ? undefined : findFolder(db, f.parentUid));
  return [
    ...db.folders.map((f) => ({
      hit: folderHit(f, parentOf(f)),
      folderUid: f.parentUid,
      tags: [] as string[],
    })),
    ...db.dashboards.map((d) => {
      const hit = dashboardHit(d, d.folderUid === '' ? undefined : findFolder(db, d.folderUid));
      return { hit, folderUid: d.folderUid, tags: hit.tags };
    }),
  ];
}

function byFolderThenTitle(a: SearchHit, b: SearchHit): number {
  if (a.type !== b.type) return a.type === 'dash-folder' ? -1 : 1;
  const [ta, tb] = [a.title.toLowerCase(), b.title.toLowerCase()];
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

export function searchRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/search',
      handler: ({ query }) => {
        const limit = Number.parseInt(query.get('limit') ?? '', 10) || DEFAULT_LIMIT;
        if (limit > MAX_LIMIT) throw apiError(422, 'Limit is above maximum allowed (5000), use page instead');
        const page = Math.max(1, Number.parseInt(query.get('page') ?? '', 10) || 1);
        const text = (query.get('query') ?? '').toLowerCase();
        const type = query.get('type');
        const tags = query.getAll('tag');
        const dashboardUids = query.getAll('dashboardUIDs');
        const folderUids = query.getAll('folderUIDs').map((uid) => (uid === 'general' ? '' : uid));
        const starredOnly = query.get('starred') === 'true';
        const hits = allHits(state.db)
          .filter(({ hit }) => type !== 'dash-db' || hit.type === 'dash-db')
          .filter(({ hit }) => type !== 'dash-folder' || hit.type === 'dash-folder')
          .filter(({ hit }) => hit.title.toLowerCase().includes(text))
          .filter(({ tags: hitTags }) => tags.every((tag) => hitTags.includes(tag)))
          .filter(({ hit }) => dashboardUids.length === 0 || dashboardUids.includes(hit.uid))
          .filter(({ folderUid }) => folderUids.length === 0 || folderUids.includes(folderUid))
          .filter(() => !starredOnly)
          .map(({ hit }) => hit)
          .sort(byFolderThenTitle);
        return json(200, hits.slice((page - 1) * limit, page * limit));
      },
    },
  ];
}
