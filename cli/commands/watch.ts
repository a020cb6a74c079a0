import type { Command } from 'commander';
import { exercises } from '../../exercises/registry.js';
import { selectExercises } from '../checks/select.js';
import type { Context } from '../context.js';
import { ExitCode, interruptedCode } from '../errors.js';
import { learnerGrader } from '../learner/learner-grader.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { gradeUntilStopped } from '../watch/grading-loop.js';
import { listenForKeys } from '../watch/keys.js';
import { watchScreen } from '../watch/screen.js';
import { type GrafanaFlags, grafanaOptions } from './flags/grafana.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .argument('[exercises...]', 'exercise ids (default: all)')
    .addHelpText(
      'after',
      helpFooter(
        ['workshop watch', 'workshop watch exercise-1'],
        ['0    stopped with q', codes.usage, codes.interrupted],
      ),
    )
    .action((ids: string[], flags: StackFlags & GrafanaFlags) => watch(ctx, ids, flags));
}

/**
 * A live checklist of the learner's work: Exercise 1 graded again as soon as a new query is in
 * Prometheus's query log, Exercise 2 every few seconds from Grafana. Keys: q quits, h the hint.
 * Without a terminal, one line per change.
 */
async function watch(ctx: Context, ids: string[], flags: StackFlags & GrafanaFlags): Promise<void> {
  const chosen = selectExercises(
    exercises().map((e) => e.definition.id),
    ids,
  );
  const session = await openSession(ctx, flags);
  const keys = listenForKeys(ctx);
  const grader = learnerGrader(session);
  const parts = Object.fromEntries(exercises().map((e) => [e.definition.id, e.definition.parts]));
  const screen = watchScreen(ctx, { exercises: [], parts, showHint: false, status: 'watching' });
  keys.onHint(screen.toggleHint);
  try {
    const stop = AbortSignal.any([ctx.signal, keys.stopped]);
    await gradeUntilStopped(ctx, { grader, screen, chosen, urls: session.config.urls, stop });
  } finally {
    screen.close();
    keys.close();
  }
  ctx.exitCode = ctx.signal.aborted
    ? interruptedCode(ctx.signal)
    : keys.interrupted()
      ? ExitCode.interrupted
      : ExitCode.ok;
}
