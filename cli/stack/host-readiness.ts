import type { Session } from '../session.js';
import type { Spinner } from '../ui/spinner.js';
import { chooseBackend } from './backend.js';
import { runningComposeServices } from './compose.js';
import type { BackendName, StackUrls } from './config.js';
import { aliveProcesses } from './native.js';
import { checkRequirements, type Requirement } from './requirements.js';

/** Everything required is there (optional items never make the machine "not ready"). */
export const met = (items: Requirement[]) => items.every((i) => i.ok || i.optional);

/**
 * Preflight's host checks for the backend auto (or the flag) picks: what is installed, which ports are free. Our own running
 * stack holds its ports (compose: through docker-proxy), which is no conflict; where compose
 * cannot run, whether native could.
 */
export async function hostReadiness(
  session: Session,
  spinner: Spinner,
): Promise<{ backend: BackendName; reason: string; items: Requirement[]; running: string[] }> {
  const { ctx, config } = session;
  const { backend, reason } = await chooseBackend(config, ctx.exec);
  spinner.start(`checking the host for the ${backend} backend`);
  const running = await ownRunningServices(backend, session);
  const items = (await checkRequirements(backend, ctx.exec, ctx.env, ctx.cwd, config.urls)).map((r) =>
    r.service && !r.ok && running.includes(r.service)
      ? { ...r, ok: true, detail: 'in use by the running workshop stack' }
      : r,
  );
  if (!met(items) && backend === 'compose') items.push(await nativeInstead(session, config.urls));
  return { backend, reason, items, running };
}

/** The services of our own stack that run now: their ports are taken by us, not by a stranger. */
async function ownRunningServices(backend: BackendName, session: Session): Promise<string[]> {
  if (backend === 'compose') return runningComposeServices(session.ctx.exec);
  return session.state ? aliveProcesses(session.state, session.ctx.processes) : [];
}

/** The compose backend cannot run here: say whether the native one can, instead of just "not ready". */
async function nativeInstead({ ctx }: Session, urls: StackUrls): Promise<Requirement> {
  const native = await checkRequirements('native', ctx.exec, ctx.env, ctx.cwd, urls);
  const missing = native.filter((i) => !i.ok && !i.optional);
  return missing.length === 0
    ? {
        name: 'native backend instead',
        ok: false,
        optional: true,
        detail: 'ready: Prometheus and node-exporter are installed and the ports are free',
        fix: 'run `workshop preflight --backend native`, then use --backend native',
      }
    : {
        name: 'native backend instead',
        ok: false,
        optional: true,
        detail: `not ready either: ${missing.map((m) => `${m.name} ${m.detail}`).join('; ')}`,
        fix: missing[0]?.fix ?? '',
      };
}
