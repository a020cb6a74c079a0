import type { Spec } from '@grafana/schema/apis/dashboard.grafana.app/v2beta1';
import { UpstreamError } from '../errors.js';
import { type GrafanaClient, GrafanaNotFound } from './client.js';
import { classicFromV2, type V2Version } from './dashboard-v2.js';
import { dashboardResource, libraryElement, v2DashboardSpec } from './schemas.js';

type Json = Record<string, unknown>;

export interface DashboardRead {
  /** The classic JSON model, whatever Grafana stored: what the graders read. */
  model: Json;
  /** How Grafana stores it: "v1" (classic), or the v2 version it was read in. */
  storedAs: string;
}

/** org 1's namespace in Grafana's Kubernetes-style API. */
const namespace = 'default';
const apiVersions = ['v1beta1', 'v2', 'v2beta1', 'v2alpha1'] as const;

/**
 * A dashboard as the graders read it. Grafana 13 (and 12 with dynamic dashboards) stores what its
 * UI saves as v2, and then answers the classic GET with 406: the Kubernetes-style API is asked for
 * the classic form (Grafana converts), and where it cannot convert, the v2 form is read natively.
 * Library panels are replaced by their models.
 */
export async function readDashboard(client: GrafanaClient, uid: string): Promise<DashboardRead> {
  let read: DashboardRead;
  try {
    read = { model: (await client.dashboard(uid)).dashboard, storedAs: 'v1' };
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.status !== 406) throw error;
    read = await readThroughResourceApi(client, uid, error);
  }
  return { ...read, model: await withLibraryPanels(client, read.model) };
}

async function readThroughResourceApi(
  client: GrafanaClient,
  uid: string,
  refused: UpstreamError,
): Promise<DashboardRead> {
  const problems: string[] = [];
  for (const version of apiVersions) {
    const path = `/apis/dashboard.grafana.app/${version}/namespaces/${namespace}/dashboards/${encodeURIComponent(uid)}`;
    let resource: ReturnType<typeof dashboardResource.parse>;
    try {
      resource = await client.get(path, dashboardResource);
    } catch (error) {
      // This Grafana does not serve that version (404), or will not convert to it (4xx).
      if (error instanceof UpstreamError && [400, 404, 406, 422].includes(error.status ?? 0)) {
        problems.push(`${version}: ${error.message}`);
        continue;
      }
      throw error;
    }
    const conversion = resource.status?.conversion;
    if (version === 'v1beta1') {
      if (conversion?.failed) {
        problems.push(`v1beta1: Grafana could not convert it (${conversion.error ?? 'no reason given'})`);
        continue;
      }
      return { model: resource.spec, storedAs: conversion?.storedVersion ?? 'v1beta1' };
    }
    const spec = v2DashboardSpec.safeParse(resource.spec);
    if (!spec.success) {
      problems.push(`${version}: not a dashboard spec this tool can read (${spec.error.issues[0]?.message})`);
      continue;
    }
    return { model: classicFromV2(spec.data as unknown as Spec, version as V2Version), storedAs: version };
  }
  throw new UpstreamError(
    'Grafana',
    client.baseUrl,
    `${refused.message}, and its dashboard API gave no readable form: ${problems.join('; ')}`,
    {
      status: 406,
    },
  );
}

/** Panels saved as library panel references get the library panel's model (its queries, unit, …). */
async function withLibraryPanels(client: GrafanaClient, model: Json): Promise<Json> {
  const resolve = async (panels: unknown): Promise<unknown> => {
    if (!Array.isArray(panels)) return panels;
    return Promise.all(
      panels.map(async (p: Json) => {
        if (p?.type === 'row') return { ...p, panels: await resolve(p.panels) };
        const ref = p?.libraryPanel as { uid?: unknown } | undefined;
        if (typeof ref?.uid !== 'string') return p;
        const element = await client
          .get(`/api/library-elements/${encodeURIComponent(ref.uid)}`, libraryElement)
          .catch((e: unknown) => {
            if (e instanceof GrafanaNotFound) return undefined;
            throw e;
          });
        // The dashboard's own title and position win; the rest is the library panel's.
        return element
          ? { ...element.result.model, ...pick(p, ['title', 'gridPos', 'id']), libraryPanel: ref }
          : p;
      }),
    );
  };
  return { ...model, panels: await resolve(model.panels) };
}

function pick(obj: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}
