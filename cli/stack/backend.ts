import { StackError } from '../errors.js';
import type { Exec } from '../exec.js';
import { composeImageMissing, dockerEngineAnswers, findCompose } from './compose.js';
import { unavailableImageLine } from './compose-images.js';
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

/**
 * The backend `up` starts: chooseBackend's, and for compose its images must be here or pullable
 * (an offline classroom has an engine but no registry). auto then takes the native backend and
 * says why; --backend compose fails at once with the same line (exit 3).
 */
export async function chooseUpBackend(config: StackConfig, exec: Exec): Promise<ChosenBackend> {
  const chosen = await chooseBackend(config, exec);
  if (chosen.backend !== 'compose') return chosen;
  const image = await composeImageMissing(exec);
  if (!image) return chosen;
  const line = unavailableImageLine(image);
  if (config.backend === 'compose')
    throw new StackError(line, {
      hint: 'use --backend native, or bring the images onto this machine (`docker load` of images saved where a registry answers)',
    });
  return {
    backend: 'native',
    reason: `auto: a Docker engine and Compose answer, but ${line}; so the native backend`,
  };
}
