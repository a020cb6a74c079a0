// Which Grafana the stand-in plays. Read from Grafana's source, docs and release notes (see
// ../../../README "Grafana versions"): nothing here was run against a real Grafana.
// - 11.4: the classic dashboard API only.
// - 12.2: kubernetesDashboards is on by default from 12.1, so /apis/dashboard.grafana.app serves
//   dashboards (v0alpha1, v1beta1, v2alpha1, v2beta1); the UI still saves classic JSON
//   (dashboardNewLayouts is experimental and off).
// - 13.0: dynamic dashboards (dashboardNewLayouts) are GA and on by default (grafana/grafana
//   PR #121836): the UI saves v2, and the classic GET of such a dashboard answers 406.
export type GrafanaVersion = '11.4' | '12.2' | '13.0';

export interface Behaviour {
  /** What /api/health reports. */
  fullVersion: string;
  /** Versions /apis/dashboard.grafana.app serves; none before 12. */
  resourceApiVersions: readonly string[];
  /** The UI saves dashboards through the v2 API. */
  uiSavesV2: boolean;
}

export const behaviours: Record<GrafanaVersion, Behaviour> = {
  '11.4': { fullVersion: '11.4.0', resourceApiVersions: [], uiSavesV2: false },
  '12.2': {
    fullVersion: '12.2.1',
    resourceApiVersions: ['v0alpha1', 'v1beta1', 'v2alpha1', 'v2beta1'],
    uiSavesV2: false,
  },
  '13.0': {
    fullVersion: '13.0.1',
    resourceApiVersions: ['v0alpha1', 'v1beta1', 'v2alpha1', 'v2beta1', 'v2'],
    uiSavesV2: true,
  },
};

/**
 * Where Grafana's server runs, for the data source health check, which Grafana makes from its own
 * host, not the learner's: `host` (a native Grafana: URLs as they are), or `compose` (Grafana in
 * its container: `localhost` is the container itself, and service names resolve on the stack's
 * network to the given URLs).
 */
export type GrafanaNetwork = { kind: 'host' } | { kind: 'compose'; services: Record<string, string> };
