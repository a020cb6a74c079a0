import type { Context } from '../context.js';
import type { GrafanaCredentials } from '../grafana/client.js';
import type { BackendName, StackConfig, StackFlags } from './config.js';
import { ownGrafanaAnswers } from './own-grafana.js';
import type { StackState } from './state.js';
import { probeHttp } from './wait.js';

export interface GrafanaFlags {
  grafanaUser?: string;
  grafanaPassword?: string;
}

/** Where the Grafana to grade is and how to log in: resolved once, when a session opens. */
export interface GrafanaTarget {
  url: string;
  credentials: GrafanaCredentials;
  /** The user named a Grafana (flag or env): then it counts even where the backend runs none. */
  named: boolean;
}

/** Flag, then env, then credentials in the Grafana URL, then the workshop's admin / foobar. */
export function grafanaCredentials(
  flags: GrafanaFlags,
  env: NodeJS.ProcessEnv,
  config: Pick<StackConfig, 'grafanaLogin'>,
): GrafanaCredentials {
  return {
    user: flags.grafanaUser ?? env.WORKSHOP_GRAFANA_USER ?? config.grafanaLogin?.user ?? 'admin',
    password:
      flags.grafanaPassword ?? env.WORKSHOP_GRAFANA_PASSWORD ?? config.grafanaLogin?.password ?? 'foobar',
  };
}

export function resolveGrafanaTarget(
  flags: StackFlags & GrafanaFlags,
  env: NodeJS.ProcessEnv,
  config: StackConfig,
): GrafanaTarget {
  return {
    url: config.urls.grafana,
    credentials: grafanaCredentials(flags, env, config),
    named: flags.grafanaUrl !== undefined || Boolean(env.WORKSHOP_GRAFANA_URL),
  };
}

/**
 * What a command does with the Grafana, which decides whether one the backend does not run counts:
 * - `read`: grade the learner's work (check, watch, the exporter): one the user named, or the
 *   learner's own that answers at the URL (asked each time: it may have started after `up`);
 * - `write`: write the reference solution (smoke): only into one the user named, and only if it
 *   answers, never into the learner's own;
 * - `inspect`: preflight tries the one the user named and reports why it fails.
 */
export type GrafanaUse = 'read' | 'write' | 'inspect';

/** A Grafana to grade, or why there is none: the backend runs none, and no other one counts. */
export type GrafanaToGrade = { grade: true } | { grade: false; backend: BackendName; why: string };

/** Is there a Grafana to grade? The backend's own always counts (if it does not answer, its checks say so). */
export async function grafanaToGrade(
  session: { ctx: Pick<Context, 'http'>; grafana: GrafanaTarget; state: StackState | undefined },
  use: GrafanaUse,
): Promise<GrafanaToGrade> {
  const { ctx, grafana, state } = session;
  const why = state?.unavailable.grafana;
  if (!state || !why) return { grade: true };
  const counts =
    use === 'read'
      ? grafana.named || (await ownGrafanaAnswers(ctx.http, state, grafana.url))
      : use === 'write'
        ? grafana.named && (await probeHttp(ctx.http, 'Grafana', `${grafana.url}/api/health`)).ok
        : grafana.named;
  return counts ? { grade: true } : { grade: false, backend: state.backend, why };
}
