import type { Spec } from '@grafana/schema/apis/dashboard.grafana.app/v2beta1';
import { classicToV2, v2beta1ToV2alpha1, v2ToClassic } from '../convert/dashboard-v2.js';
import { json } from '../http/reply.js';
import type { Route } from '../http/router.js';
import type { StoredDashboard } from '../model/records.js';
import type { StandInState } from '../state.js';
import { findDashboard } from '../store/dashboards.js';

/** A Kubernetes Status answer, as the apiserver behind /apis writes it. */
const status = (code: number, reason: string, message: string) =>
  json(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

const classicVersions = new Set(['v0alpha1', 'v1beta1']);

/**
 * GET /apis/dashboard.grafana.app/<version>/namespaces/<ns>/dashboards/<name> (12.x and 13.x): the
 * dashboard as a resource, converted to the version asked for. v0alpha1 / v1beta1 give the
 * classic model; v2alpha1 / v2beta1 / v2 the v2 spec. `status.conversion` says what it was stored
 * as, and whether the conversion failed (then the spec is empty).
 */
export function dashboardResourceRoutes(state: StandInState): Route[] {
  return [
    {
      method: 'GET',
      path: '/apis/dashboard.grafana.app/:version/namespaces/:namespace/dashboards/:name',
      handler: ({ params }) => {
        const version = params.version ?? '';
        if (!state.behaviour.resourceApiVersions.includes(version))
          return status(404, 'NotFound', 'the server could not find the requested resource');
        if (params.namespace !== 'default')
          return status(403, 'Forbidden', `namespace ${params.namespace} is not this org's`);
        const dashboard = findDashboard(state.db, params.name ?? '');
        if (!dashboard)
          return status(404, 'NotFound', `dashboards.dashboard.grafana.app "${params.name}" not found`);
        return json(200, resource(dashboard, version, state.failConversions));
      },
    },
  ];
}

function resource(d: StoredDashboard, version: string, failConversions: boolean) {
  const storedVersion = d.v2 ? 'v2beta1' : 'v1beta1';
  let spec: Record<string, unknown>;
  let conversion: Record<string, unknown> = { failed: false, storedVersion };
  if (classicVersions.has(version)) {
    if (d.v2 && failConversions) {
      spec = {};
      conversion = {
        failed: true,
        storedVersion,
        error: 'failed to convert dashboard from v2beta1 to v1beta1',
      };
    } else spec = d.v2 ? v2ToClassic(d.v2 as unknown as Spec) : { ...d.data };
  } else {
    const v2 = (d.v2 as unknown as Spec | undefined) ?? classicToV2(d.data);
    spec = version === 'v2alpha1' ? v2beta1ToV2alpha1(v2) : (v2 as unknown as Record<string, unknown>);
  }
  return {
    apiVersion: `dashboard.grafana.app/${version}`,
    kind: 'Dashboard',
    metadata: {
      name: d.uid,
      namespace: 'default',
      resourceVersion: String(d.version),
      generation: d.version,
      creationTimestamp: d.created.toISOString(),
      ...(d.folderUid ? { annotations: { 'grafana.app/folder': d.folderUid } } : {}),
    },
    spec,
    status: { conversion },
  };
}
