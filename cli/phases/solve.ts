import { grafanaExercise } from '../../exercises/registry.js';
import { GrafanaClient } from '../grafana/client.js';
import { solve, undo } from '../grafana/solve.js';
import type { Session } from '../session.js';
import { chooseBackend } from '../stack/backend.js';

/**
 * Applies exercise 2's reference solution through Grafana's API (idempotent; what it did not make
 * is replaced only with `force`, and kept), or with `undo` removes exactly what it created and puts
 * back what it replaced. Returns what it did, a line each.
 */
export async function solvePhase(
  session: Session,
  opts: { undo: boolean; force?: boolean },
): Promise<string[]> {
  const { ctx, config } = session;
  const def = grafanaExercise();
  const client = new GrafanaClient(session.grafana.url, session.grafana.credentials, {
    http: ctx.http,
    timeoutMs: 10_000,
    signal: ctx.signal,
  });
  await client.health();
  if (opts.undo) return undo(client, config.stateDir);
  // Grafana in Docker reaches Prometheus by its service name; a native Grafana by the local URL.
  const backend = session.state?.backend ?? (await chooseBackend(config, ctx.exec)).backend;
  return solve(client, def, {
    dataSourceUrl: backend === 'compose' ? def.dataSource.composeUrl : config.urls.prometheus,
    stateDir: config.stateDir,
    force: Boolean(opts.force),
  });
}
