// Reads Grafana's dashboard JSON model defensively: real exports span schema versions 16–42,
// nest panels in collapsed rows, drop nulls, and keep legacy `graph` panels as they were saved.
type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface Panel {
  title: string;
  type: string;
  raw: Json;
}

export interface PanelQuery {
  refId: string;
  expr: string;
  legendFormat: string | undefined;
  datasource: unknown;
  hidden: boolean;
}

/** Every panel, also those inside rows (collapsed rows keep theirs in row.panels). */
export function allPanels(dashboard: Json): Panel[] {
  const out: Panel[] = [];
  const visit = (panels: unknown[]) => {
    for (const p of panels.map(obj)) {
      if (p.type === 'row') visit(arr(p.panels));
      else out.push({ title: (str(p.title) ?? '').trim(), type: str(p.type) ?? '', raw: p });
    }
  };
  visit(arr(dashboard.panels));
  // Pre-schema-16 dashboards keep panels in rows[].panels.
  for (const row of arr(dashboard.rows).map(obj)) visit(arr(row.panels));
  return out;
}

export function targetsOf(panel: Panel): PanelQuery[] {
  return arr(panel.raw.targets)
    .map(obj)
    .map((t) => ({
      refId: str(t.refId) ?? '',
      expr: str(t.expr) ?? '',
      legendFormat: str(t.legendFormat),
      datasource: t.datasource ?? panel.raw.datasource,
      hidden: t.hide === true,
    }))
    .filter((t) => !t.hidden && t.expr.trim() !== '');
}

/** The unit: fieldConfig for current panels, the left y-axis format for a legacy graph. */
export function unitOf(panel: Panel): string | undefined {
  const unit = str(obj(obj(panel.raw.fieldConfig).defaults).unit);
  if (unit) return unit;
  return panel.type === 'graph' ? str(obj(arr(panel.raw.yaxes)[0]).format) : undefined;
}

export interface Step {
  color: string;
  value: number | null;
}

/** Threshold steps after the base step (whose value may be null, 0 or missing depending on the Grafana version). */
export function thresholdSteps(panel: Panel): Step[] {
  const steps = arr(obj(obj(obj(panel.raw.fieldConfig).defaults).thresholds).steps).map(obj);
  if (steps.length > 0) {
    return steps
      .slice(1)
      .map((s) => ({ color: str(s.color) ?? '', value: typeof s.value === 'number' ? s.value : null }));
  }
  // Legacy graph: thresholds[] of {value, colorMode|fillColor}.
  return arr(panel.raw.thresholds)
    .map(obj)
    .map((t) => ({
      color: str(t.colorMode) ?? str(t.lineColor) ?? '',
      value: typeof t.value === 'number' ? t.value : null,
    }));
}

/** fieldConfig.defaults.custom.thresholdsStyle.mode; absent means off. */
export function thresholdsStyle(panel: Panel): string {
  return str(obj(obj(obj(obj(panel.raw.fieldConfig).defaults).custom).thresholdsStyle).mode) ?? 'off';
}

/** `{{path}}` and `{{ path }}` are the same legend. */
export function normalizeLegend(legend: string | undefined): string {
  return (legend ?? '').trim().replace(/\{\{\s*(\w+)\s*\}\}/g, '{{$1}}');
}

export interface DataSourceLike {
  uid: string;
  name: string;
  type: string;
  isDefault: boolean;
}

/**
 * Which data source a panel or target reference means, in every form Grafana stores: a name,
 * {type, uid} or {uid}, null (the default), "${DS_PROMETHEUS}" from an export's __inputs, or a
 * datasource template variable. "prometheus-type" when it is a variable bound only by type.
 */
export function resolveDataSource(
  ref: unknown,
  dashboard: Json,
  dataSources: DataSourceLike[],
): DataSourceLike | 'prometheus-type' | undefined {
  if (ref === null || ref === undefined) return dataSources.find((d) => d.isDefault);
  const text = typeof ref === 'string' ? ref : str(obj(ref).uid);
  const type = typeof ref === 'string' ? undefined : str(obj(ref).type);
  if (text === undefined)
    return type
      ? (dataSources.find((d) => d.type === type && d.isDefault) ?? dataSources.find((d) => d.type === type))
      : undefined;
  const variable = text.match(/^\$\{?(\w+)(?::\w+)?\}?$/)?.[1];
  if (variable) return resolveVariable(variable, dashboard, dataSources);
  return dataSources.find((d) => d.uid === text) ?? dataSources.find((d) => d.name === text);
}

function resolveVariable(name: string, dashboard: Json, dataSources: DataSourceLike[]) {
  const input = arr(dashboard.__inputs)
    .map(obj)
    .find((i) => i.name === name);
  if (input) return str(input.pluginId) === 'prometheus' ? ('prometheus-type' as const) : undefined;
  const v = arr(obj(dashboard.templating).list)
    .map(obj)
    .find((x) => x.name === name);
  if (v?.type !== 'datasource') return undefined;
  const current = obj(v.current);
  const chosen = str(current.value) ?? str(current.text);
  const hit = chosen ? dataSources.find((d) => d.uid === chosen || d.name === chosen) : undefined;
  if (hit) return hit;
  return str(v.query) === 'prometheus' ? ('prometheus-type' as const) : undefined;
}
