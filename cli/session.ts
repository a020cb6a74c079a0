import type { Context } from './context.js';
import { resolveStackConfig, resolveStateDir, type StackConfig, type StackFlags } from './stack/config.js';
import { type GrafanaFlags, type GrafanaTarget, resolveGrafanaTarget } from './stack/grafana-target.js';
import { readState, type StackState } from './stack/state.js';

/** One command's view of the stack: the resolved configuration and what `up` recorded. */
export interface Session {
  readonly ctx: Context;
  readonly config: StackConfig;
  /** The Grafana to grade and its login (whether it counts: `grafanaToGrade`). */
  readonly grafana: GrafanaTarget;
  /** Read once when the session opens; the up and down phases keep it current. */
  state: StackState | undefined;
  /** A grading Prometheus named on the command line (`check --grading-url`): before the one `up` started. */
  gradingUrl?: string;
}

/** Flags, then env, then what `workshop up` recorded, then the workshop's defaults: resolved once. */
export async function openSession(ctx: Context, flags: StackFlags & GrafanaFlags): Promise<Session> {
  const state = await readState(resolveStateDir(flags, ctx.env, ctx.cwd));
  const config = resolveStackConfig(flags, ctx.env, ctx.cwd, state);
  return { ctx, config, grafana: resolveGrafanaTarget(flags, ctx.env, config), state };
}
