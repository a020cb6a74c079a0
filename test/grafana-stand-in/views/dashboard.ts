import type { AdminAccount } from '../auth/basic-auth.js';
import type { StoredDashboard, StoredFolder } from '../model/records.js';
import { slugify } from '../model/slug.js';
import { grafanaTime, ZERO_TIME } from '../model/time.js';
import { dashboardUrl, folderUrl } from './urls.js';

const ALL_ANNOTATION_ACTIONS = { canAdd: true, canEdit: true, canDelete: true };

/**
 * GET /api/dashboards/uid/:uid (pkg/api/dashboard.go GetDashboard, dtos.DashboardMeta): a root
 * dashboard reports folderId 0, folderUid "", folderTitle "General"; isStarred is omitempty.
 */
export function dashboardWithMetaView(
  dashboard: StoredDashboard,
  folder: StoredFolder | undefined,
  admin: AdminAccount,
) {
  return {
    dashboard: dashboard.data,
    meta: {
      type: 'db',
      canSave: true,
      canEdit: true,
      canAdmin: true,
      canStar: true,
      canDelete: true,
      slug: slugify(dashboard.title),
      url: dashboardUrl(dashboard.uid, dashboard.title),
      expires: ZERO_TIME,
      created: grafanaTime(dashboard.created),
      updated: grafanaTime(dashboard.updated),
      updatedBy: admin.login,
      createdBy: admin.login,
      version: dashboard.version,
      hasAcl: false,
      isFolder: false,
      folderId: folder?.id ?? 0,
      folderUid: folder?.uid ?? '',
      folderTitle: folder?.title ?? 'General',
      folderUrl: folder ? folderUrl(folder.uid, folder.title) : '',
      provisioned: false,
      provisionedExternalId: '',
      annotationsPermissions: { dashboard: ALL_ANNOTATION_ACTIONS, organization: ALL_ANNOTATION_ACTIONS },
      publicDashboardEnabled: false,
    },
  };
}

/** postDashboard's util.DynMap answer: a Go map, so the keys are sorted. */
export function savedDashboardView(dashboard: StoredDashboard) {
  return {
    folderUid: dashboard.folderUid,
    id: dashboard.id,
    slug: slugify(dashboard.title),
    status: 'success',
    uid: dashboard.uid,
    url: dashboardUrl(dashboard.uid, dashboard.title),
    version: dashboard.version,
  };
}
