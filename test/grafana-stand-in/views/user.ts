import { createHash } from 'node:crypto';
import type { AdminAccount } from '../auth/basic-auth.js';
import { grafanaTime } from '../model/time.js';

/** user.UserProfileDTO (GET /api/user, pkg/api/user.go) for the built-in admin, created at start-up. */
export function userView(admin: AdminAccount, uid: string, createdAt: Date) {
  return {
    id: admin.id,
    uid,
    email: admin.email,
    name: '',
    login: admin.login,
    theme: '',
    orgId: 1,
    isGrafanaAdmin: true,
    isDisabled: false,
    isExternal: false,
    isExternallySynced: false,
    isGrafanaAdminExternallySynced: false,
    authLabels: [],
    updatedAt: grafanaTime(createdAt),
    createdAt: grafanaTime(createdAt),
    // dtos.GetGravatarUrl: /avatar/ + md5 of the lower-cased email.
    avatarUrl: `/avatar/${createHash('md5').update(admin.email.toLowerCase()).digest('hex')}`,
  };
}
