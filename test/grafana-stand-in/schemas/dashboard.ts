import { z } from 'zod';
import { goBool, goInt, goString } from './go-json.js';

// SaveDashboardCommand (pkg/services/dashboards/models.go); `dashboard` is a free JSON model.
export const saveDashboardBody = z.object({
  dashboard: z.unknown().optional(),
  folderUid: goString,
  folderId: goInt,
  overwrite: goBool,
  message: goString,
  isFolder: goBool,
});
export type SaveDashboardCommand = z.output<typeof saveDashboardBody>;
