import type { StoredDataSource } from '../model/records.js';
import { FALLBACK_LOGO, pluginInfo } from './plugins.js';

// pkg/api/dtos/datasource.go; both DTOs share their leading fields, kept here in Go's field order.
const identity = (ds: StoredDataSource) => ({
  id: ds.id,
  uid: ds.uid,
  orgId: 1,
  name: ds.name,
  type: ds.type,
});
const connection = (ds: StoredDataSource) => ({
  access: ds.access,
  url: ds.url,
  user: ds.user,
  database: ds.database,
  basicAuth: ds.basicAuth,
});

/** dtos.DataSource; accessControl would only be added with ?accesscontrol=true. */
export function dataSourceView(ds: StoredDataSource) {
  return {
    ...identity(ds),
    typeLogoUrl: pluginInfo(ds.type)?.logo ?? FALLBACK_LOGO,
    ...connection(ds),
    basicAuthUser: ds.basicAuthUser,
    withCredentials: ds.withCredentials,
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    secureJsonFields: Object.fromEntries(
      Object.entries(ds.secureJsonData)
        .filter(([, value]) => value !== '')
        .map(([key]) => [key, true]),
    ),
    version: ds.version,
    readOnly: ds.readOnly,
    apiVersion: ds.apiVersion,
  };
}

/** dtos.DataSourceListItemDTO: no secrets, no version; typeName is the plugin's display name. */
export function dataSourceListItemView(ds: StoredDataSource) {
  const plugin = pluginInfo(ds.type);
  return {
    ...identity(ds),
    typeName: plugin?.name ?? ds.type,
    typeLogoUrl: plugin?.logo ?? FALLBACK_LOGO,
    ...connection(ds),
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    readOnly: ds.readOnly,
  };
}
