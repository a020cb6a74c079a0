import { ApiError, apiError } from '../http/reply.js';
import type { Db, StoredDataSource } from '../model/records.js';
import { newUid } from '../model/uid.js';
import type { AddDataSourceCommand, UpdateDataSourceCommand } from '../schemas/datasource.js';

export const dataSourceNotFound = () => apiError(404, 'Data source not found');

export function findDataSourceByUid(db: Db, uid: string): StoredDataSource | undefined {
  return db.dataSources.find((ds) => ds.uid === uid);
}

/** The name lookup is an SQL equality; Grafana's default SQLite compares case-sensitively. */
export function findDataSourceByName(db: Db, name: string): StoredDataSource | undefined {
  return db.dataSources.find((ds) => ds.name === name);
}

/** pkg/api/datasource/validation.go ValidateURL: a scheme-less URL is read as http://…; parse errors are 400. */
export function validateDataSourceUrl(url: string): void {
  const withScheme = /^[^:]+:\/\//.test(url) ? url : `http://${url}`;
  if (url === '' || !URL.canParse(withScheme)) throw apiError(400, 'Validation error, invalid URL');
}

/** getAvailableName (pkg/services/datasources/service/datasource.go): "prometheus", "prometheus-1", … */
function availableName(db: Db, type: string): string {
  const taken = new Set(db.dataSources.map((ds) => ds.name.toLowerCase()));
  let name = type;
  for (let n = 1; taken.has(name.toLowerCase()); n++) name = `${type}-${n}`;
  return name;
}

/** The columns an add or update command writes as given. */
function commandFields(cmd: AddDataSourceCommand) {
  return {
    type: cmd.type,
    access: cmd.access,
    url: cmd.url,
    user: cmd.user,
    database: cmd.database,
    basicAuth: cmd.basicAuth,
    basicAuthUser: cmd.basicAuthUser,
    withCredentials: cmd.withCredentials,
    isDefault: cmd.isDefault,
    jsonData: cmd.jsonData ?? {},
    apiVersion: cmd.apiVersion,
  };
}

function clearOtherDefaults(db: Db, keep: StoredDataSource): void {
  if (!keep.isDefault) return;
  for (const ds of db.dataSources) if (ds !== keep) ds.isDefault = false;
}

/**
 * AddDataSource (pkg/api/datasources.go, then the data source service and SQL store):
 * type and access are required (`binding:"Required"`, so a missing one is "bad request data");
 * a missing name is generated since Grafana 10.3; the org's first data source becomes the default;
 * name and uid must be unique (409). An invalid-but-non-empty uid is only logged by Grafana 11.
 */
export function addDataSource(db: Db, cmd: AddDataSourceCommand, readOnly = false): StoredDataSource {
  if (cmd.type === '' || cmd.access === '') throw apiError(400, 'bad request data');
  if (cmd.url !== '') validateDataSourceUrl(cmd.url);
  const name = cmd.name === '' ? availableName(db, cmd.type) : cmd.name;
  if (findDataSourceByName(db, name)) throw apiError(409, 'data source with the same name already exists');
  if (cmd.uid !== '' && findDataSourceByUid(db, cmd.uid)) {
    throw apiError(409, 'data source with the same uid already exists');
  }
  const ds: StoredDataSource = {
    id: db.nextId.dataSource++,
    uid: cmd.uid === '' ? newUid() : cmd.uid,
    name,
    ...commandFields(cmd),
    isDefault: cmd.isDefault || db.dataSources.length === 0,
    secureJsonData: { ...cmd.secureJsonData },
    version: 1,
    readOnly,
  };
  db.dataSources.push(ds);
  clearOtherDefaults(db, ds);
  return ds;
}

/**
 * UpdateDataSourceByUID + SqlStore.UpdateDataSource: name/type/access required, the URL is always
 * validated, `version` is an optimistic lock (an older one is 409) and the stored version becomes
 * version+1, so a PUT without `version` resets it to 1. xorm skips empty uid/url/basicAuthUser
 * but always writes user and database; secrets not sent are kept.
 */
export function updateDataSource(db: Db, uid: string, cmd: UpdateDataSourceCommand): StoredDataSource {
  if (cmd.name === '' || cmd.type === '' || cmd.access === '') throw apiError(400, 'bad request data');
  validateDataSourceUrl(cmd.url);
  const ds = findDataSourceByUid(db, uid);
  if (!ds) throw dataSourceNotFound();
  if (ds.readOnly) throw apiError(403, 'Cannot update read-only data source');
  if (db.dataSources.some((other) => other !== ds && other.name === cmd.name)) {
    throw apiError(409, 'Failed to update datasource: data source with the same name already exists');
  }
  if (cmd.version !== 0 && cmd.version < ds.version) {
    throw apiError(409, 'Datasource has already been updated by someone else. Please reload and try again');
  }
  if (cmd.uid !== '' && cmd.uid !== ds.uid && findDataSourceByUid(db, cmd.uid)) {
    throw new ApiError(500, { message: 'Failed to update datasource' });
  }
  Object.assign(ds, {
    ...commandFields(cmd),
    name: cmd.name,
    basicAuthUser: cmd.basicAuthUser === '' ? ds.basicAuthUser : cmd.basicAuthUser,
    secureJsonData: { ...ds.secureJsonData, ...cmd.secureJsonData },
    version: cmd.version + 1,
    uid: cmd.uid === '' ? ds.uid : cmd.uid,
  });
  clearOtherDefaults(db, ds);
  return ds;
}

export function deleteDataSource(db: Db, uid: string): StoredDataSource {
  const ds = findDataSourceByUid(db, uid);
  if (!ds) throw dataSourceNotFound();
  if (ds.readOnly) throw apiError(403, 'Cannot delete read-only data source');
  db.dataSources = db.dataSources.filter((other) => other !== ds);
  return ds;
}
