import type { AdminAccount } from '../auth/basic-auth.js';
import type { StoredFolder } from '../model/records.js';
import { grafanaTime } from '../model/time.js';
import { folderUrl } from './urls.js';

/** dtos.Folder (swagger "Folder"); parentUid and parents are omitempty. The admin may do everything. */
export function folderView(folder: StoredFolder, admin: AdminAccount, parents: StoredFolder[] = []) {
  const view: Record<string, unknown> = {
    id: folder.id,
    uid: folder.uid,
    orgId: 1,
    title: folder.title,
    url: folderUrl(folder.uid, folder.title),
    hasAcl: false,
    canSave: true,
    canEdit: true,
    canAdmin: true,
    canDelete: true,
    createdBy: admin.login,
    created: grafanaTime(folder.created),
    updatedBy: admin.login,
    updated: grafanaTime(folder.updated),
    version: folder.version,
  };
  if (folder.parentUid !== '') view.parentUid = folder.parentUid;
  if (parents.length > 0) view.parents = parents.map((p) => folderView(p, admin));
  return view;
}

/** dtos.FolderSearchHit, the items of GET /api/folders. */
export function folderHitView(folder: StoredFolder) {
  return {
    id: folder.id,
    uid: folder.uid,
    title: folder.title,
    ...(folder.parentUid === '' ? {} : { parentUid: folder.parentUid }),
  };
}
