import { ApiError, apiError } from '../http/reply.js';
import type { Db, StoredDashboard, StoredFolder } from '../model/records.js';
import { isValidUid, MAX_UID_LENGTH, newUid } from '../model/uid.js';
import type { SaveDashboardCommand } from '../schemas/dashboard.js';
import { findFolder } from './folders.js';

// DashboardErr values with a `status` field answer `{"message","status"}` (pkg/services/dashboards/errors.go).
const dashboardErr = (status: number, message: string, code?: string) =>
  new ApiError(status, code === undefined ? { message } : { message, status: code });

export const dashboardNotFound = () => apiError(404, 'Dashboard not found');

export function findDashboard(db: Db, uid: string): StoredDashboard | undefined {
  return db.dashboards.find((d) => d.uid === uid);
}

/** simplejson's Get(...).Float64() / String(): a wrongly typed or null field reads as absent. */
function numberField(data: Record<string, unknown>, key: string): number | undefined {
  const value = data[key];
  return typeof value === 'number' ? value : undefined;
}

function targetFolder(db: Db, cmd: SaveDashboardCommand): StoredFolder | undefined {
  if (cmd.folderUid !== '') {
    const folder = findFolder(db, cmd.folderUid);
    // ToDashboardErrorResponse maps dashboards.ErrFolderNotFound to 400 with its text.
    if (!folder) throw apiError(400, 'folder not found');
    return folder;
  }
  if (cmd.folderId > 0) {
    const folder = db.folders.find((f) => f.id === cmd.folderId);
    if (!folder) throw apiError(400, 'folder not found');
    return folder;
  }
  return undefined;
}

/** The stored dashboard this save updates (by id, then uid), or undefined for a new one. */
function existingFor(db: Db, id: number, uid: string): StoredDashboard | undefined {
  const byId = id > 0 ? db.dashboards.find((d) => d.id === id) : undefined;
  if (id > 0 && !byId) throw dashboardErr(404, 'Dashboard not found', 'not-found');
  if (uid !== '' && db.folders.some((f) => f.uid === uid)) {
    throw dashboardErr(400, 'Dashboard cannot be changed to a folder');
  }
  const byUid = uid !== '' ? findDashboard(db, uid) : undefined;
  if (byId && byUid && byId !== byUid)
    throw dashboardErr(400, 'A dashboard with the same uid already exists');
  return byId ?? byUid;
}

/**
 * POST /api/dashboards/db as Grafana 11.4 does it (pkg/services/dashboards/service and database):
 * the title is required; an existing dashboard (by id or uid) is only replaced when the posted
 * `version` matches the stored one, or with `overwrite`; each save bumps the version, new ones start
 * at 1. Since 11.3 two dashboards may share a title in one folder (grafana/grafana#90687), so there
 * is no "name-exists" 412 any more.
 */
export function saveDashboard(db: Db, cmd: SaveDashboardCommand, now = new Date()): StoredDashboard {
  if (cmd.isFolder) throw apiError(400, 'Use folders endpoint for saving folders.');
  const model = cmd.dashboard;
  const data: Record<string, unknown> =
    typeof model === 'object' && model !== null && !Array.isArray(model)
      ? (structuredClone(model) as Record<string, unknown>)
      : {};
  const title = typeof data.title === 'string' ? data.title.trim() : '';
  if (title === '') throw dashboardErr(400, 'Dashboard title cannot be empty', 'empty-name');
  if (title.length > 5000) {
    throw dashboardErr(400, 'Dashboard title cannot contain more than 5 000 characters', 'title-too-long');
  }
  if (cmd.message.length > 500) throw dashboardErr(400, 'message too long, max 500 characters');
  const uid = typeof data.uid === 'string' ? data.uid : '';
  if (!isValidUid(uid)) throw dashboardErr(400, 'uid contains illegal characters');
  if (uid.length > MAX_UID_LENGTH) throw dashboardErr(400, 'uid too long, max 40 characters');
  const folder = targetFolder(db, cmd);
  const existing = existingFor(db, Math.trunc(numberField(data, 'id') ?? 0), uid);
  const postedVersion = numberField(data, 'version') ?? 0;
  if (existing && postedVersion !== existing.version && !cmd.overwrite) {
    throw dashboardErr(412, 'The dashboard has been changed by someone else', 'version-mismatch');
  }
  const saved: StoredDashboard = existing ?? {
    id: db.nextId.dashboard++,
    uid: uid === '' ? newUid() : uid,
    title,
    folderUid: '',
    version: 0,
    data,
    created: now,
    updated: now,
  };
  saved.title = title;
  saved.folderUid = folder?.uid ?? '';
  saved.version += 1;
  saved.updated = now;
  saved.data = { ...data, id: saved.id, uid: saved.uid, version: saved.version };
  // A classic save stores classic JSON again, whatever was stored before.
  delete saved.v2;
  if (!existing) db.dashboards.push(saved);
  return saved;
}

/**
 * What Grafana 13's UI does when it saves (the v2 API): the dashboard is stored as v2 under its
 * uid, replacing what was there, and the version goes up.
 */
export function saveDashboardV2(
  db: Db,
  input: { uid: string; spec: Record<string, unknown>; folderUid: string },
  now = new Date(),
): StoredDashboard {
  const title = String(input.spec.title ?? '').trim();
  if (title === '') throw dashboardErr(400, 'Dashboard title cannot be empty', 'empty-name');
  const existing = findDashboard(db, input.uid);
  const saved: StoredDashboard = existing ?? {
    id: db.nextId.dashboard++,
    uid: input.uid,
    title,
    folderUid: input.folderUid,
    version: 0,
    data: {},
    created: now,
    updated: now,
  };
  saved.title = title;
  saved.folderUid = input.folderUid;
  saved.version += 1;
  saved.updated = now;
  saved.data = { title, uid: saved.uid, id: saved.id, version: saved.version, tags: input.spec.tags ?? [] };
  saved.v2 = structuredClone(input.spec);
  if (!existing) db.dashboards.push(saved);
  return saved;
}

export function deleteDashboard(db: Db, uid: string): StoredDashboard {
  const dashboard = findDashboard(db, uid);
  if (!dashboard) throw dashboardNotFound();
  db.dashboards = db.dashboards.filter((d) => d !== dashboard);
  return dashboard;
}
