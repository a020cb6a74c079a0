import type {
  Element,
  GridLayoutItemKind,
  GridLayoutKind,
  PanelQueryKind,
  RowsLayoutKind,
  Spec,
} from '@grafana/schema/apis/dashboard.grafana.app/v2beta1';

// The stand-in's own conversions between the classic dashboard model and v2beta1, as Grafana's
// (Scenes-based) UI and its dashboard API do them for the fields the workshop reads. Written from
// the v2 schema (@grafana/schema, Apache-2.0) and Grafana's docs, independently of the CLI's
// reader (cli/grafana/dashboard-v2.ts), so that tests comparing the two mean something.

// biome-ignore lint/suspicious/noExplicitAny: classic dashboard JSON is read field by field, as Grafana does.
type Json = Record<string, any>;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function queryOf(target: Json, panel: Json): PanelQueryKind {
  const { refId, hide, datasource, ...rest } = target;
  const ds = obj(datasource ?? panel.datasource);
  return {
    kind: 'PanelQuery',
    spec: {
      refId: String(refId ?? 'A'),
      hidden: hide === true,
      query: {
        kind: 'DataQuery',
        group: String(ds.type ?? 'prometheus'),
        version: 'v0',
        ...(ds.uid ? { datasource: { name: String(ds.uid) } } : {}),
        spec: rest,
      },
    },
  };
}

function elementOf(panel: Json): Element {
  if (panel.libraryPanel) {
    return {
      kind: 'LibraryPanel',
      spec: {
        id: Number(panel.id ?? 0),
        title: String(panel.title ?? ''),
        libraryPanel: { uid: String(panel.libraryPanel.uid), name: String(panel.libraryPanel.name ?? '') },
      },
    };
  }
  return {
    kind: 'Panel',
    spec: {
      id: Number(panel.id ?? 0),
      title: String(panel.title ?? ''),
      ...(panel.description ? { description: String(panel.description) } : {}),
      links: [],
      data: {
        kind: 'QueryGroup',
        spec: {
          queries: arr(panel.targets).map((t) => queryOf(t, panel)),
          transformations: [],
          queryOptions: {},
        },
      },
      vizConfig: {
        kind: 'VizConfig',
        group: String(panel.type ?? 'timeseries'),
        version: String(panel.pluginVersion ?? ''),
        spec: {
          options: obj(panel.options),
          fieldConfig: { defaults: {}, overrides: [], ...obj(panel.fieldConfig) } as never,
        },
      },
    },
  };
}

function gridItem(panel: Json, name: string): GridLayoutItemKind {
  const g = obj(panel.gridPos);
  return {
    kind: 'GridLayoutItem',
    spec: {
      x: Number(g.x ?? 0),
      y: Number(g.y ?? 0),
      width: Number(g.w ?? 12),
      height: Number(g.h ?? 8),
      element: { kind: 'ElementReference', name },
    },
  };
}

/** A classic dashboard as Grafana 13's UI stores it: v2beta1, panels as named elements in a layout. */
export function classicToV2(classic: Json): Spec {
  const elements: Record<string, Element> = {};
  const place = (panel: Json): GridLayoutItemKind => {
    const name = `panel-${panel.id ?? Object.keys(elements).length + 1}`;
    elements[name] = elementOf(panel);
    return gridItem(panel, name);
  };
  const panels = arr(classic.panels);
  const grid = (items: GridLayoutItemKind[]): GridLayoutKind => ({ kind: 'GridLayout', spec: { items } });
  let layout: Spec['layout'];
  if (panels.some((p) => p.type === 'row')) {
    const rows: RowsLayoutKind['spec']['rows'] = [];
    let current: { title?: string; collapse: boolean; items: GridLayoutItemKind[]; hideHeader?: boolean } = {
      collapse: false,
      items: [],
      hideHeader: true,
    };
    const flush = () => {
      if (current.items.length || current.title !== undefined)
        rows.push({
          kind: 'RowsLayoutRow',
          spec: {
            ...(current.title !== undefined ? { title: current.title } : {}),
            collapse: current.collapse,
            ...(current.hideHeader ? { hideHeader: true } : {}),
            layout: grid(current.items),
          },
        });
    };
    for (const p of panels) {
      if (p.type === 'row') {
        flush();
        current = {
          title: String(p.title ?? ''),
          collapse: p.collapsed === true,
          items: arr(p.panels).map(place),
        };
      } else current.items.push(place(p));
    }
    flush();
    layout = { kind: 'RowsLayout', spec: { rows } };
  } else layout = grid(panels.map(place));
  const time = obj(classic.time);
  return {
    title: String(classic.title ?? ''),
    ...(classic.description !== undefined ? { description: String(classic.description) } : {}),
    tags: arr(classic.tags) as unknown as string[],
    annotations: [],
    cursorSync: 'Off',
    editable: true,
    elements,
    layout,
    links: [],
    preload: false,
    timeSettings: {
      from: String(time.from ?? 'now-6h'),
      to: String(time.to ?? 'now'),
      autoRefresh: String(classic.refresh ?? ''),
      autoRefreshIntervals: ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'],
      hideTimepicker: false,
      fiscalYearStartMonth: 0,
    },
    variables: [],
  };
}

/** A v2beta1 spec back in the classic model: what /apis/…/v1beta1 answers for a dashboard stored as v2. */
export function v2ToClassic(spec: Spec): Json {
  const panelOf = (item: GridLayoutItemKind, id: number): Json => {
    const element = spec.elements[item.spec.element.name];
    const gridPos = { x: item.spec.x, y: item.spec.y, w: item.spec.width, h: item.spec.height };
    if (!element) return { id, gridPos };
    if (element.kind === 'LibraryPanel')
      return { id, gridPos, title: element.spec.title, libraryPanel: element.spec.libraryPanel };
    const p = element.spec;
    return {
      id,
      gridPos,
      type: p.vizConfig.group,
      title: p.title,
      ...(p.description ? { description: p.description } : {}),
      fieldConfig: p.vizConfig.spec.fieldConfig,
      options: p.vizConfig.spec.options,
      targets: p.data.spec.queries.map((q) => ({
        refId: q.spec.refId,
        ...(q.spec.hidden ? { hide: true } : {}),
        datasource: {
          type: q.spec.query.group,
          ...(q.spec.query.datasource?.name ? { uid: q.spec.query.datasource.name } : {}),
        },
        ...q.spec.query.spec,
      })),
    };
  };
  let id = 1;
  const panels: Json[] = [];
  const layout = spec.layout;
  if (layout.kind === 'GridLayout') for (const item of layout.spec.items) panels.push(panelOf(item, id++));
  if (layout.kind === 'RowsLayout') {
    for (const row of layout.spec.rows) {
      const items = row.spec.layout.kind === 'GridLayout' ? row.spec.layout.spec.items : [];
      const inner = items.map((item) => panelOf(item, id++));
      if (row.spec.hideHeader) panels.push(...inner);
      else if (row.spec.collapse)
        panels.push({ id: id++, type: 'row', title: row.spec.title ?? '', collapsed: true, panels: inner });
      else
        panels.push(
          { id: id++, type: 'row', title: row.spec.title ?? '', collapsed: false, panels: [] },
          ...inner,
        );
    }
  }
  return {
    title: spec.title,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    tags: spec.tags,
    time: { from: spec.timeSettings.from, to: spec.timeSettings.to },
    refresh: spec.timeSettings.autoRefresh,
    schemaVersion: 41,
    panels,
  };
}

/** v2beta1 → v2alpha1, for GETs of that version: the plugin in vizConfig.kind, the data source beside the query. */
export function v2beta1ToV2alpha1(spec: Spec): Json {
  const elements = Object.fromEntries(
    Object.entries(spec.elements).map(([name, element]) => {
      if (element.kind !== 'Panel') return [name, element];
      const p = element.spec;
      return [
        name,
        {
          kind: 'Panel',
          spec: {
            ...p,
            vizConfig: {
              kind: p.vizConfig.group,
              spec: { pluginVersion: p.vizConfig.version, ...p.vizConfig.spec },
            },
            data: {
              kind: 'QueryGroup',
              spec: {
                ...p.data.spec,
                queries: p.data.spec.queries.map((q) => ({
                  kind: 'PanelQuery',
                  spec: {
                    refId: q.spec.refId,
                    hidden: q.spec.hidden,
                    datasource: {
                      type: q.spec.query.group,
                      ...(q.spec.query.datasource?.name ? { uid: q.spec.query.datasource.name } : {}),
                    },
                    query: { kind: q.spec.query.group, spec: q.spec.query.spec },
                  },
                })),
              },
            },
          },
        },
      ];
    }),
  );
  return { ...spec, elements };
}
