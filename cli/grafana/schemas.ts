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

/**
 * The parts of a dashboard resource of the Kubernetes-style API (`/apis/dashboard.grafana.app/…`)
 * that are read: checked here, typed by @grafana/schema in dashboard-v2.ts. Loose where Grafana
 * adds fields; a layout nests layouts (rows and tabs hold grids).
 */
const elementRef = z.object({ name: z.string() });
const layout: z.ZodType<unknown> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.looseObject({
      kind: z.literal('GridLayout'),
      spec: z.looseObject({
        items: z.array(z.looseObject({ spec: z.looseObject({ element: elementRef }) })),
      }),
    }),
    z.looseObject({
      kind: z.literal('AutoGridLayout'),
      spec: z.looseObject({
        items: z.array(z.looseObject({ spec: z.looseObject({ element: elementRef }) })),
      }),
    }),
    z.looseObject({
      kind: z.literal('RowsLayout'),
      spec: z.looseObject({ rows: z.array(z.looseObject({ spec: z.looseObject({ layout }) })) }),
    }),
    z.looseObject({
      kind: z.literal('TabsLayout'),
      spec: z.looseObject({ tabs: z.array(z.looseObject({ spec: z.looseObject({ layout }) })) }),
    }),
  ]),
);
const query = z.looseObject({
  kind: z.string(),
  spec: z.looseObject({
    refId: z.string().default(''),
    hidden: z.boolean().default(false),
    query: z.looseObject({ kind: z.string(), spec: z.record(z.string(), z.unknown()).default({}) }),
  }),
});
const v2Element = z.discriminatedUnion('kind', [
  z.looseObject({
    kind: z.literal('Panel'),
    spec: z.looseObject({
      title: z.string().default(''),
      data: z.looseObject({ spec: z.looseObject({ queries: z.array(query).default([]) }) }),
      vizConfig: z.looseObject({
        spec: z.looseObject({ fieldConfig: z.looseObject({}).default({ defaults: {} }) }),
      }),
    }),
  }),
  z.looseObject({
    kind: z.literal('LibraryPanel'),
    spec: z.looseObject({
      title: z.string().default(''),
      libraryPanel: z.looseObject({ uid: z.string(), name: z.string().default('') }),
    }),
  }),
]);
export const v2DashboardSpec = z.looseObject({
  title: z.string(),
  description: z.string().optional(),
  elements: z.record(z.string(), v2Element),
  layout,
  timeSettings: z.looseObject({ from: z.string(), to: z.string(), autoRefresh: z.string().default('') }),
});

export const dashboardResource = z.looseObject({
  apiVersion: z.string(),
  kind: z.literal('Dashboard'),
  metadata: z.looseObject({ name: z.string(), annotations: z.record(z.string(), z.string()).optional() }),
  spec: z.record(z.string(), z.unknown()),
  status: z
    .looseObject({
      conversion: z
        .looseObject({
          failed: z.boolean().optional(),
          storedVersion: z.string().optional(),
          error: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});

/** GET /api/library-elements/:uid: the library panel's model is in result.model. */
export const libraryElement = z.looseObject({
  result: z.looseObject({ uid: z.string(), name: z.string(), model: z.record(z.string(), z.unknown()) }),
});

/** GET /api/v1/provisioning/alert-rules/:uid/export?format=json: the rule's group, with its interval. */
export const ruleExport = z.looseObject({
  groups: z.array(
    z.looseObject({
      name: z.string(),
      folder: z.string().optional(),
      // model.Duration ("1m"), or a number of seconds in some versions.
      interval: z.union([z.string(), z.number()]),
    }),
  ),
});
