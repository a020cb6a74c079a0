import { json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import type { StandInState } from '../state.js';
import { userView } from '../views/user.js';

/** GET /api/user: the signed-in user; only the admin can sign in to the stand-in. */
export function userRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/user',
      handler: () => json(200, userView(state.admin, state.adminUid, state.startedAt)),
    },
  ];
}
