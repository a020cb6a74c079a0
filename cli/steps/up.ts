import { type UpResult, upPhase } from '../phases/up.js';
import type { Session } from '../session.js';
import type { Spinner } from '../ui/spinner.js';
import { failedStartOf, type StackStart, startOf } from './teardown.js';

export interface UpContext {
  session: Session;
  spinner: Spinner;
  allowInstall: boolean;
  timeoutMs: number;
  /** Set by `bringUp`: how up left the stack (what teardown decides from). */
  stack: StackStart;
  up?: UpResult;
}

/** The up step's work, shared by smoke and preflight: up, and how it left the stack. */
export async function bringUp(ctx: UpContext): Promise<UpResult> {
  try {
    ctx.up = await upPhase(ctx.session, {
      allowInstall: ctx.allowInstall,
      timeoutMs: ctx.timeoutMs,
      spinner: ctx.spinner,
    });
  } catch (error) {
    ctx.stack = failedStartOf(error);
    throw error;
  }
  ctx.stack = startOf(ctx.up);
  return ctx.up;
}
