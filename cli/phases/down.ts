import type { Session } from '../session.js';
import { chooseBackend } from '../stack/backend.js';
import { composeDown } from '../stack/compose.js';
import type { BackendName } from '../stack/config.js';
import { nativeDown } from '../stack/native.js';
import { deletableStateDir, deleteStateDir } from '../stack/state-dir.js';

export interface DownResult {
  backend: BackendName;
  stopped: string[];
  /** With `volumes`: whether there was a state dir to delete. */
  deleted: boolean;
}

/**
 * Stops what `up` started, in the backend it used; without a record, in the backend auto picks.
 * `volumes` also deletes the state dir, which must be workshop's own: checked before anything stops.
 */
export async function downPhase(session: Session, opts: { volumes: boolean }): Promise<DownResult> {
  const { ctx, config, state } = session;
  if (opts.volumes) await deletableStateDir(config.stateDir);
  const backend = state?.backend ?? (await chooseBackend(config, ctx.exec)).backend;
  let stopped: string[];
  if (backend === 'compose') {
    await composeDown(ctx.exec, config.stateDir, opts.volumes);
    stopped = ['compose stack'];
  } else stopped = await nativeDown(config.stateDir, state, ctx);
  session.state = undefined;
  return { backend, stopped, deleted: opts.volumes && (await deleteStateDir(config.stateDir)) };
}
