import { WorkshopError } from '../errors.js';
import type { UpResult } from '../phases/up.js';
import type { Skip } from './runner.js';

/** How the up step left the stack: what decides whether a composite command stops it again. */
export type StackStart = 'not-run' | 'was-up' | 'started' | 'failed' | 'failed-and-undone';

export function startOf(result: UpResult): StackStart {
  return result.alreadyUp ? 'was-up' : 'started';
}

/** A failed up that stopped again what it had started says so in the error's typed `cleanup`. */
export function failedStartOf(error: unknown): StackStart {
  return error instanceof WorkshopError && error.cleanup !== undefined ? 'failed-and-undone' : 'failed';
}

/** Smoke stops only what it started, unless --keep; otherwise its table says why the stack stays. */
export function smokeTeardown(start: StackStart, keep: boolean): true | Skip {
  if (start === 'was-up') return { skip: 'the stack was up before smoke, so it stays up' };
  if (start === 'failed-and-undone') return { skip: 'up stopped what it had started itself' };
  if (start !== 'started') return { skip: 'up started nothing' };
  if (keep) return { skip: '--keep: the stack stays up (`workshop down` stops it)' };
  return true;
}

/**
 * Preflight stops what it started, unless --keep; after a failed up too when none of our stack
 * ran before it, so that a failed up leaves nothing behind.
 */
export function preflightTeardown(start: StackStart, keep: boolean, ranBefore: boolean): boolean {
  if (keep) return false;
  if (start === 'started') return true;
  return (start === 'failed' || start === 'failed-and-undone') && !ranBefore;
}
