import type { Session } from '../session.js';
import { chooseBackend } from '../stack/backend.js';
import { composeDown } from '../stack/compose.js';
import type { BackendName } from '../stack/config.js';
import { nativeDown } from '../stack/native.js';

export interface DownResult {
  backend: BackendName;
  stopped: string[];
}

/** Stops what `up` started, in the backend it used; without a record, in the backend auto picks. */
export async function downPhase(session: Session, opts: { volumes: boolean }): Promise<DownResult> {
  const { ctx, config, state } = session;
  const backend = state?.backend ?? (await chooseBackend(config, ctx.exec)).backend;
  let stopped: string[];
  if (backend === 'compose') {
    await composeDown(ctx.exec, config.stateDir, opts.volumes);
    stopped = ['compose stack'];
  } else stopped = await nativeDown(config.stateDir, state, opts.volumes, ctx);
  session.state = undefined;
  return { backend, stopped };
}
