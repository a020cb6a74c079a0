import { bindJson } from '../http/read-body.js';
import { json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import type { Db, StoredDataSource } from '../model/records.js';
import { addDataSourceBody, updateDataSourceBody } from '../schemas/datasource.js';
import type { StandInState } from '../state.js';
import {
  addDataSource,
  dataSourceNotFound,
  deleteDataSource,
  findDataSourceByName,
  findDataSourceByUid,
  updateDataSource,
} from '../store/datasources.js';
import { dataSourceListItemView, dataSourceView } from '../views/datasource.js';

// pkg/api/datasources.go. Add/update answer a util.DynMap, whose keys Go sorts.
export function dataSourceRoutes(state: StandInState): Route[] {
  const getOne =
    (find: (db: Db, key: string) => StoredDataSource | undefined, param: string): Route['handler'] =>
    ({ params }) => {
      const ds = find(state.db, params[param] ?? '');
      if (!ds) throw dataSourceNotFound();
      return json(200, dataSourceView(ds));
    };
  return [
    {
      method: 'GET',
      path: '/api/datasources',
      handler: () =>
        json(
          200,
          [...state.db.dataSources]
            .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
            .map(dataSourceListItemView),
        ),
    },
    { method: 'GET', path: '/api/datasources/name/:name', handler: getOne(findDataSourceByName, 'name') },
    { method: 'GET', path: '/api/datasources/uid/:uid', handler: getOne(findDataSourceByUid, 'uid') },
    {
      method: 'POST',
      path: '/api/datasources',
      handler: ({ rawBody }) => {
        const ds = addDataSource(state.db, bindJson(rawBody, addDataSourceBody));
        return json(200, {
          datasource: dataSourceView(ds),
          id: ds.id,
          message: 'Datasource added',
          name: ds.name,
        });
      },
    },
    {
      method: 'PUT',
      path: '/api/datasources/uid/:uid',
      handler: ({ params, rawBody }) => {
        const cmd = bindJson(rawBody, updateDataSourceBody);
        const ds = updateDataSource(state.db, params.uid ?? '', cmd);
        return json(200, {
          datasource: dataSourceView(ds),
          id: ds.id,
          message: 'Datasource updated',
          name: cmd.name,
        });
      },
    },
    {
      method: 'DELETE',
      path: '/api/datasources/uid/:uid',
      handler: ({ params }) => {
        const ds = deleteDataSource(state.db, params.uid ?? '');
        return json(200, { id: ds.id, message: 'Data source deleted' });
      },
    },
  ];
}
