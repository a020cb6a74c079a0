import { apiError, json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import type { StandInState } from '../state.js';

// pkg/api/libraryelements: GET /api/library-elements/:uid answers {result: {…, model}}; an
// unknown uid is 404 "library element could not be found".
export function libraryElementRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/library-elements/:uid',
      handler: ({ params }) => {
        const element = state.db.libraryElements.find((e) => e.uid === params.uid);
        if (!element) throw apiError(404, 'library element could not be found');
        return json(200, {
          result: {
            id: element.id,
            orgId: 1,
            folderUid: element.folderUid,
            uid: element.uid,
            name: element.name,
            kind: 1,
            type: String(element.model.type ?? ''),
            description: String(element.model.description ?? ''),
            model: element.model,
            version: element.version,
            meta: { folderName: element.folderUid ? element.folderUid : 'General', connectedDashboards: 0 },
          },
        });
      },
    },
  ];
}
