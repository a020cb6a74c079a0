import type { Context } from './context.js';
import { resolveStackConfig, type StackConfig, type StackFlags } from './stack/config.js';
import { readState, type StackState } from './stack/state.js';

/** One command's view of the stack: the resolved configuration and what `up` recorded. */
export interface Session {
  readonly ctx: Context;
  readonly config: StackConfig;
  /** Read once when the session opens; the up and down phases keep it current. */
  state: StackState | undefined;
  /** A grading Prometheus named on the command line (`check --grading-url`): before the one `up` started. */
  gradingUrl?: string;
}

/** Flags, then env, then what `workshop up` recorded, then the workshop's defaults. */
export async function openSession(ctx: Context, flags: StackFlags): Promise<Session> {
  const first = resolveStackConfig(flags, ctx.env, ctx.cwd);
  const state = await readState(first.stateDir);
  const config = state ? resolveStackConfig(flags, ctx.env, ctx.cwd, state) : first;
  return { ctx, config, state };
}
