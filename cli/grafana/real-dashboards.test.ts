import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenSignalsV2 } from '../../test/fixtures/grafana/v2/golden-signals-v2beta1.js';
import { v2beta1ToV2alpha1 } from '../../test/grafana-stand-in/convert/dashboard-v2.js';
import { allPanels, resolveDataSource, targetsOf, thresholdSteps, unitOf } from './dashboard-model.js';
import { classicFromV2 } from './dashboard-v2.js';

// Real exported dashboards (licences in test/fixtures/grafana/LICENSE-NOTE.md), and the exercise's
// dashboard as Grafana 13 saves it: what the graders must extract from each.
type Json = Record<string, unknown>;
const load = (file: string): Json =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/grafana/${file}`, import.meta.url), 'utf8'));
const prometheus = { uid: 'prom', name: 'Prometheus', type: 'prometheus', isDefault: true };

function summary(d: Json) {
  const panels = allPanels(d);
  return {
    panels: panels.length,
    queries: panels.reduce((n, p) => n + targetsOf(p).length, 0),
    panel: (title: string) => {
      const p = panels.find((x) => x.title === title);
      if (!p) throw new Error(`no panel ${title}`);
      return {
        type: p.type,
        unit: unitOf(p),
        thresholds: thresholdSteps(p).map((s) => `${s.color} ${s.value}`),
        first: targetsOf(p)[0]?.expr,
        datasource: resolveDataSource(targetsOf(p)[0]?.datasource, d, [prometheus]),
      };
    },
  };
}

describe('real exported dashboards', () => {
  it('dotdc k8s-views-pods (schemaVersion 42, rows, an exported __inputs data source)', () => {
    const s = summary(load('dotdc-k8s-views-pods.json'));
    expect(s).toMatchObject({ panels: 25, queries: 36 });
    expect(s.panel('Total pod CPU Requests usage')).toMatchObject({
      type: 'gauge',
      unit: 'percentunit',
      thresholds: ['#EAB839 60', 'red 75'],
      first: expect.stringContaining('sum(rate(container_cpu_usage_seconds_total{namespace="$namespace"'),
    });
    expect(s.panel('Network - Bandwidth')).toMatchObject({ type: 'timeseries', unit: 'binBps' });
  });

  it('dotdc k8s-views-global (rows, stat and bargauge panels)', () => {
    const s = summary(load('dotdc-k8s-views-global.json'));
    expect(s).toMatchObject({ panels: 26, queries: 57 });
    expect(s.panel('Cluster CPU Utilization')).toMatchObject({
      unit: 'percentunit',
      thresholds: ['yellow 0.5', 'red 0.7'],
    });
    expect(s.panel('Global CPU  Usage')).toMatchObject({ type: 'bargauge', unit: 'percentunit' });
  });

  it('rfmoz node-exporter-full (schemaVersion 41, 14 collapsed rows, a data-source variable)', () => {
    const d = load('rfmoz-node-exporter-full.json');
    const s = summary(d);
    expect(s).toMatchObject({ panels: 125, queries: 275 });
    // Panels inside collapsed rows are found too.
    expect(s.panel('Memory DirectMap')).toMatchObject({ type: 'timeseries', unit: 'bytes' });
    expect(s.panel('CPU Busy')).toMatchObject({
      type: 'gauge',
      unit: 'percent',
      thresholds: ['rgba(237, 129, 40, 0.89) 85', 'rgba(245, 54, 54, 0.9) 95'],
    });
    expect(s.panel('CPU Busy').datasource).toBeDefined();
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's own placeholder syntax, in a test name.
  it('rfmoz haproxy (__inputs and ${DS_PROMETHEUS})', () => {
    const s = summary(load('rfmoz-haproxy.json'));
    expect(s).toMatchObject({ panels: 103, queries: 159 });
    expect(s.panel('Front - Session usage')).toMatchObject({
      unit: 'percent',
      thresholds: ['#EAB839 70', 'red 90'],
      datasource: 'prometheus-type',
    });
  });
});

describe('the exercise dashboard as Grafana 13 saves it (v2, written from @grafana/schema)', () => {
  it.each(['v2beta1', 'v2alpha1'] as const)(
    '%s: panels in layout order, queries, units, thresholds, time and refresh',
    (version) => {
      const spec = goldenSignalsV2('prom');
      const classic = classicFromV2(
        (version === 'v2alpha1' ? v2beta1ToV2alpha1(spec) : spec) as never,
        version,
      );
      expect(classic).toMatchObject({
        title: 'Golden Signals Workshop',
        time: { from: 'now-15m', to: 'now' },
        refresh: '5s',
      });
      const s = summary(classic);
      expect(s).toMatchObject({ panels: 4, queries: 7 });
      expect(s.panel('Request Rate (req/s)')).toMatchObject({
        type: 'timeseries',
        unit: 'reqps',
        first: 'sum(rate(flask_http_request_duration_seconds_count[5m])) by (path)',
        datasource: prometheus,
      });
      // The collapsed row's panels count as much as the open one's.
      expect(s.panel('Error Rate %')).toMatchObject({
        type: 'stat',
        unit: 'percent',
        thresholds: ['yellow 1', 'red 5'],
      });
    },
  );
});
