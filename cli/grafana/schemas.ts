import { z } from 'zod';

/** Grafana HTTP API shapes the checks read (Grafana 10–12, api-merged.json definitions). Loose where Grafana adds fields. */
export const health = z.looseObject({ database: z.string(), version: z.string().optional() });

export const dataSource = z.looseObject({
  id: z.number(),
  uid: z.string(),
  name: z.string(),
  type: z.string(),
  url: z.string().default(''),
  access: z.string().default(''),
  isDefault: z.boolean().default(false),
  jsonData: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((j) => j ?? {}),
});
export type DataSource = z.infer<typeof dataSource>;

export const dataSourceHealth = z.looseObject({ status: z.string(), message: z.string().default('') });

export const searchHit = z.looseObject({
  uid: z.string(),
  title: z.string(),
  type: z.string(),
  folderUid: z.string().optional(),
  folderTitle: z.string().optional(),
  url: z.string().default(''),
});
export type SearchHit = z.infer<typeof searchHit>;

/** The dashboard JSON model is large and versioned: panels are read defensively in dashboard-model.ts. */
export const dashboardWithMeta = z.object({
  dashboard: z.record(z.string(), z.unknown()),
  meta: z.looseObject({
    folderUid: z.string().optional(),
    folderTitle: z.string().optional(),
    url: z.string().optional(),
  }),
});

export const alertQuery = z.looseObject({
  refId: z.string(),
  datasourceUid: z.string(),
  model: z.record(z.string(), z.unknown()),
});
export const alertRule = z.looseObject({
  uid: z.string(),
  title: z.string(),
  folderUID: z.string(),
  ruleGroup: z.string(),
  condition: z.string(),
  data: z.array(alertQuery),
  for: z.union([z.string(), z.number()]).optional(),
});
export type AlertRule = z.infer<typeof alertRule>;

/** `interval` is an int of seconds in the provisioning API. */
export const ruleGroup = z.looseObject({ title: z.string(), folderUid: z.string(), interval: z.number() });

export const folder = z.looseObject({ uid: z.string(), title: z.string() });

export const message = z.looseObject({ message: z.string().optional() });
