import { slugify } from '../model/slug.js';

// dashboards.GetDashboardURL / GetFolderURL (pkg/services/dashboards/models.go).
export const dashboardUrl = (uid: string, title: string) => `/d/${uid}/${slugify(title)}`;
export const folderUrl = (uid: string, title: string) => `/dashboards/f/${uid}/${slugify(title)}`;
