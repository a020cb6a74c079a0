import type { StoredDashboard, StoredFolder } from '../model/records.js';
import { slugify } from '../model/slug.js';
import { dashboardUrl, folderUrl } from './urls.js';

// model.Hit (pkg/services/search/model/model.go, swagger "Hit" of 11.4): the folder fields are
// omitempty, so a dashboard at the root ("General") has none of them.

interface HitSource {
  id: number;
  uid: string;
  title: string;
  type: 'dash-db' | 'dash-folder';
  url: string;
  tags: string[];
}

function hit(item: HitSource, folder: StoredFolder | undefined) {
  const slug = slugify(item.title);
  return {
    id: item.id,
    uid: item.uid,
    title: item.title,
    uri: `db/${slug}`,
    url: item.url,
    slug,
    type: item.type,
    tags: item.tags,
    isStarred: false,
    ...(folder
      ? {
          folderId: folder.id,
          folderUid: folder.uid,
          folderTitle: folder.title,
          folderUrl: folderUrl(folder.uid, folder.title),
        }
      : {}),
    sortMeta: 0,
    isDeleted: false,
  };
}

export type SearchHit = ReturnType<typeof hit>;

function tagsOf(data: Record<string, unknown>): string[] {
  return Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === 'string') : [];
}

export function dashboardHit(dashboard: StoredDashboard, folder: StoredFolder | undefined): SearchHit {
  const url = dashboardUrl(dashboard.uid, dashboard.title);
  return hit({ ...dashboard, type: 'dash-db', url, tags: tagsOf(dashboard.data) }, folder);
}

/** A folder's own folder fields name its parent (nested folders). */
export function folderHit(folder: StoredFolder, parent: StoredFolder | undefined): SearchHit {
  return hit({ ...folder, type: 'dash-folder', url: folderUrl(folder.uid, folder.title), tags: [] }, parent);
}
