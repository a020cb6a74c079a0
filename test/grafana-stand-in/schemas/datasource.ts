import { z } from 'zod';
import { goBool, goInt, goJsonObject, goString } from './go-json.js';

// AddDataSourceCommand / UpdateDataSourceCommand (pkg/services/datasources/models.go).
export const addDataSourceBody = z.object({
  name: goString,
  type: goString,
  access: goString,
  url: goString,
  database: goString,
  user: goString,
  basicAuth: goBool,
  basicAuthUser: goString,
  withCredentials: goBool,
  isDefault: goBool,
  jsonData: goJsonObject,
  secureJsonData: z
    .record(z.string(), z.string())
    .nullish()
    .transform((v) => v ?? {}),
  uid: goString,
  apiVersion: goString,
});
export type AddDataSourceCommand = z.output<typeof addDataSourceBody>;

export const updateDataSourceBody = addDataSourceBody.extend({ version: goInt });
export type UpdateDataSourceCommand = z.output<typeof updateDataSourceBody>;
