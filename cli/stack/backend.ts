import type { Context } from '../context.js';
import type { Exec } from '../exec.js';
import type { Progress } from '../ui/progress.js';
import { composeDown, composeUp, dockerEngineAnswers } from './compose.js';
import type { BackendName, StackConfig } from './config.js';
import { nodeInstallDeps } from './install.js';
import { nativeDown, nativeUp, type UpOutcome } from './native.js';
import { readState } from './state.js';

/** auto: compose when a Docker engine answers, native otherwise. */
export async function chooseBackend(config: StackConfig, exec: Exec): Promise<BackendName> {
  if (config.backend !== 'auto') return config.backend;
  return (await dockerEngineAnswers(exec)) ? 'compose' : 'native';
}

export interface UpOptions {
  config: StackConfig;
  exec: Exec;
  allowInstall: boolean;
  timeoutMs: number;
  progress: Progress;
  ctx: Pick<Context, 'env' | 'now' | 'sleep' | 'signal'>;
}

export async function upStack(opts: UpOptions): Promise<UpOutcome & { backend: BackendName }> {
  const backend = await chooseBackend(opts.config, opts.exec);
  if (backend === 'compose') {
    return { backend, ...(await composeUp({ ...opts, now: opts.ctx.now })) };
  }
  const outcome = await nativeUp({
    ...opts,
    installDeps: () => nodeInstallDeps(opts.ctx.env, (m) => opts.progress.info(m)),
  });
  return { backend, ...outcome };
}

/** Stops what `up` started, in the backend it used; without a record, the chosen backend. */
export async function downStack(
  config: StackConfig,
  exec: Exec,
  volumes: boolean,
  sleep: (ms: number) => Promise<void>,
): Promise<{ backend: BackendName; stopped: string[] }> {
  const state = await readState(config.stateDir);
  const backend = state?.backend ?? (await chooseBackend(config, exec));
  if (backend === 'compose') {
    await composeDown(exec, config.stateDir, volumes);
    return { backend, stopped: ['compose stack'] };
  }
  return { backend, stopped: await nativeDown(config.stateDir, volumes, sleep) };
}
