import type { Exec } from '../exec.js';
import { dockerEngineAnswers, findCompose } from './compose.js';
import type { BackendName, StackConfig } from './config.js';

export interface ChosenBackend {
  backend: BackendName;
  /** Why this one: said by `up` and `preflight` when auto chose it. */
  reason: string;
}

/** auto: compose when a Docker engine answers and Compose v2 can drive it, native otherwise. */
export async function chooseBackend(config: StackConfig, exec: Exec): Promise<ChosenBackend> {
  if (config.backend !== 'auto') return { backend: config.backend, reason: `--backend ${config.backend}` };
  if (!(await dockerEngineAnswers(exec)))
    return { backend: 'native', reason: 'auto: no Docker engine answers, so the native backend' };
  const compose = await findCompose(exec);
  return 'missing' in compose
    ? {
        backend: 'native',
        reason: `auto: a Docker engine answers, but ${compose.missing}; so the native backend`,
      }
    : { backend: 'compose', reason: `auto: a Docker engine and Docker Compose ${compose.version} answer` };
}
