import { bindJson } from '../http/read-body.js';
import { json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import type { StoredFolder } from '../model/records.js';
import { createFolderBody } from '../schemas/folder.js';
import type { StandInState } from '../state.js';
import { createFolder, deleteFolder, findFolder, folderNotFound } from '../store/folders.js';
import { folderHitView, folderView } from '../views/folder.js';

// pkg/api/folder.go (nested folders on, as in Grafana 11).
export function folderRoutes(state: StandInState): Route[] {
  const parentsOf = (folder: StoredFolder): StoredFolder[] => {
    const parent = folder.parentUid === '' ? undefined : findFolder(state.db, folder.parentUid);
    return parent ? [...parentsOf(parent), parent] : [];
  };
  return [
    {
      method: 'GET',
      path: '/api/folders',
      handler: ({ query }) => {
        // GetChildren: the immediate children of ?parentUid (the root by default), by title.
        const parentUid = query.get('parentUid') ?? '';
        const limit = Number.parseInt(query.get('limit') ?? '', 10) || 1000;
        const page = Math.max(1, Number.parseInt(query.get('page') ?? '', 10) || 1);
        const children = state.db.folders
          .filter((f) => f.parentUid === parentUid)
          .sort((a, b) => a.title.localeCompare(b.title))
          .slice((page - 1) * limit, page * limit);
        return json(200, children.map(folderHitView));
      },
    },
    {
      method: 'GET',
      path: '/api/folders/:uid',
      handler: ({ params }) => {
        const folder = findFolder(state.db, params.uid ?? '');
        if (!folder) throw folderNotFound();
        return json(200, folderView(folder, state.admin, parentsOf(folder)));
      },
    },
    {
      method: 'POST',
      path: '/api/folders',
      handler: ({ rawBody }) => {
        const folder = createFolder(state.db, bindJson(rawBody, createFolderBody));
        return json(200, folderView(folder, state.admin, parentsOf(folder)));
      },
    },
    {
      method: 'DELETE',
      path: '/api/folders/:uid',
      // Grafana 11 answers just this message (the swagger's id/title are from older versions).
      handler: ({ params, query }) => {
        deleteFolder(state.db, params.uid ?? '', query.get('forceDeleteRules') === 'true');
        return json(200, { message: 'Folder deleted' });
      },
    },
  ];
}
