import type {
  Element,
  GridLayoutKind,
  PanelKind,
  Spec,
} from '@grafana/schema/apis/dashboard.grafana.app/v2beta1';

// Grafana's v2 dashboard schema (dynamic dashboards; the UI's format from Grafana 13), read into
// the classic JSON model the graders read. Types are @grafana/schema's (Apache-2.0) for v2beta1,
// which v2 keeps for everything read here; v2alpha1 differs in two places, written out below.

type Json = Record<string, unknown>;
type Layout = Spec['layout'];

/** v2alpha1: the visualization is `vizConfig.kind`, and a query names its data source beside it. */
interface V2alpha1Panel {
  kind: 'Panel';
  spec: Omit<PanelKind['spec'], 'vizConfig' | 'data'> & {
    vizConfig: { kind: string; spec: PanelKind['spec']['vizConfig']['spec'] };
    data: {
      kind: 'QueryGroup';
      spec: {
        queries: {
          kind: 'PanelQuery';
          spec: {
            refId: string;
            hidden: boolean;
            datasource?: { type?: string; uid?: string };
            query: { kind: string; spec: Json };
          };
        }[];
      };
    };
  };
}

export type V2Version = 'v2' | 'v2beta1' | 'v2alpha1';

/** The element names a layout shows, in order: grids, rows (collapsed or not), tabs, auto grids. */
function elementNames(layout: Layout | undefined): string[] {
  if (!layout) return [];
  switch (layout.kind) {
    case 'GridLayout':
      return (layout as GridLayoutKind).spec.items.map((i) => i.spec.element.name);
    case 'AutoGridLayout':
      return layout.spec.items.map((i) => i.spec.element.name);
    case 'RowsLayout':
      return layout.spec.rows.flatMap((r) => elementNames(r.spec.layout as Layout));
    case 'TabsLayout':
      return layout.spec.tabs.flatMap((t) => elementNames(t.spec.layout as Layout));
    default:
      return [];
  }
}

/** One v2 element as a classic panel: type, targets, fieldConfig, options; a library panel as its reference. */
function classicPanel(element: Element | V2alpha1Panel, version: V2Version): Json {
  if (element.kind === 'LibraryPanel') {
    return { type: 'library-panel-ref', title: element.spec.title, libraryPanel: element.spec.libraryPanel };
  }
  if (version === 'v2alpha1') {
    const p = (element as V2alpha1Panel).spec;
    return {
      title: p.title,
      description: p.description,
      type: p.vizConfig.kind,
      fieldConfig: p.vizConfig.spec.fieldConfig,
      options: p.vizConfig.spec.options,
      targets: p.data.spec.queries.map((q) => ({
        refId: q.spec.refId,
        hide: q.spec.hidden,
        datasource: q.spec.datasource ?? { type: q.spec.query.kind },
        ...q.spec.query.spec,
      })),
    };
  }
  const p = (element as PanelKind).spec;
  return {
    title: p.title,
    description: p.description,
    type: p.vizConfig.group,
    fieldConfig: p.vizConfig.spec.fieldConfig,
    options: p.vizConfig.spec.options,
    targets: p.data.spec.queries.map((q) => ({
      refId: q.spec.refId,
      hide: q.spec.hidden,
      // v2 names the data source by its uid in `datasource.name`, beside the plugin `group`.
      datasource: q.spec.query.datasource?.name
        ? { type: q.spec.query.group, uid: q.spec.query.datasource.name }
        : { type: q.spec.query.group },
      ...q.spec.query.spec,
    })),
  };
}

/** A v2 dashboard spec as the classic model: title, description, time, refresh, panels in layout order. Pure. */
export function classicFromV2(spec: Spec, version: V2Version): Json {
  const names = elementNames(spec.layout);
  // Elements no layout shows are not on the dashboard.
  const panels = names.flatMap((name) => {
    const element = spec.elements[name];
    return element ? [classicPanel(element, version)] : [];
  });
  return {
    title: spec.title,
    description: spec.description ?? '',
    tags: spec.tags,
    time: { from: spec.timeSettings.from, to: spec.timeSettings.to },
    refresh: spec.timeSettings.autoRefresh,
    panels,
    schemaVersion: `dashboard.grafana.app/${version}`,
  };
}
