import { ApiError, apiError } from '../http/reply.js';
import type { Db, StoredFolder } from '../model/records.js';
import { isValidUid, MAX_UID_LENGTH, newUid } from '../model/uid.js';
import type { CreateFolderCommand } from '../schemas/folder.js';

/** ToFolderErrorResponse (pkg/api/apierrors/folder.go) answers ErrFolderNotFound with a status field. */
export const folderNotFound = () => new ApiError(404, { message: 'folder not found', status: 'not-found' });

export function findFolder(db: Db, uid: string): StoredFolder | undefined {
  return db.folders.find((f) => f.uid === uid);
}

/** Folders and dashboards live in one table, so a uid is taken by either. */
export function uidTaken(db: Db, uid: string): boolean {
  return db.folders.some((f) => f.uid === uid) || db.dashboards.some((d) => d.uid === uid);
}

/** The folder and every folder nested below it. */
export function folderSubtree(db: Db, uid: string): StoredFolder[] {
  const root = findFolder(db, uid);
  if (!root) return [];
  return [root, ...db.folders.filter((f) => f.parentUid === uid).flatMap((f) => folderSubtree(db, f.uid))];
}

/**
 * Folder service Create: title required, uid validated (400) and unique (409). Since Grafana 11.3
 * folder titles no longer have to be unique (grafana/grafana#90687), so a duplicate title is fine.
 */
export function createFolder(db: Db, cmd: CreateFolderCommand, now = new Date()): StoredFolder {
  const title = cmd.title.trim();
  if (title === '') throw apiError(400, 'folder title cannot be empty');
  if (!isValidUid(cmd.uid)) throw apiError(400, 'uid contains illegal characters');
  if (cmd.uid.length > MAX_UID_LENGTH) throw apiError(400, 'uid too long, max 40 characters');
  if (cmd.uid !== '' && uidTaken(db, cmd.uid)) {
    throw apiError(409, 'a folder/dashboard with the same uid already exists');
  }
  if (cmd.parentUid !== '' && !findFolder(db, cmd.parentUid)) throw folderNotFound();
  const folder: StoredFolder = {
    id: db.nextId.dashboard++,
    uid: cmd.uid === '' ? newUid() : cmd.uid,
    title,
    description: cmd.description,
    parentUid: cmd.parentUid,
    version: 1,
    created: now,
    updated: now,
  };
  db.folders.push(folder);
  return folder;
}

/**
 * DELETE /api/folders/:uid removes the folder, its subfolders and their dashboards. Alert rules in
 * them block the delete with 400 unless ?forceDeleteRules=true (pkg/services/dashboards/database
 * deleteFolderRules; the message is pinned by Grafana's alerting integration tests).
 */
export function deleteFolder(db: Db, uid: string, forceDeleteRules: boolean): StoredFolder {
  const folders = folderSubtree(db, uid);
  const root = folders[0];
  if (!root) throw folderNotFound();
  const uids = new Set(folders.map((f) => f.uid));
  const hasRules = db.alertRules.some((r) => uids.has(r.folderUID));
  if (hasRules && !forceDeleteRules)
    throw apiError(400, 'folder cannot be deleted: folder contains alert rules');
  db.alertRules = db.alertRules.filter((r) => !uids.has(r.folderUID));
  db.dashboards = db.dashboards.filter((d) => !uids.has(d.folderUid));
  db.folders = db.folders.filter((f) => !uids.has(f.uid));
  return root;
}
