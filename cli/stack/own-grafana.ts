import type { HttpClient } from '../http/fetch-json.js';
import type { StackState } from './state.js';
import { probeHttp } from './wait.js';

/** What status and up say of a Grafana the learner runs themselves. */
export const ownGrafanaNote = 'yours: workshop neither starts nor stops it';

/**
 * The learner's own Grafana: the backend runs none (native without a grafana binary), but one
 * answers at the configured URL (`up --grafana-url http://127.0.0.1:3000`). Asked each time: it
 * may have started after `up`. Smoke does not use it (it would write the reference solution
 * into the learner's Grafana); status, check, watch and the progress exporter do.
 */
export async function ownGrafanaAnswers(
  http: HttpClient,
  state: StackState | undefined,
  url: string,
): Promise<boolean> {
  if (!state?.unavailable.grafana) return false;
  return (await probeHttp(http, 'Grafana', `${url}/api/health`, 1_000)).ok;
}

/** The services the backend lacks, without a Grafana of the learner's that answers. */
export async function withoutOwnGrafana(
  http: HttpClient,
  state: StackState | undefined,
  url: string,
  unavailable: Record<string, string>,
): Promise<{ unavailable: Record<string, string>; own: boolean }> {
  if (!(await ownGrafanaAnswers(http, state, url))) return { unavailable, own: false };
  const { grafana: _, ...rest } = unavailable;
  return { unavailable: rest, own: true };
}
