import type { Command } from 'commander';
import { exerciseById, grafanaExercise } from '../../exercises/registry.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { solvePhase } from '../phases/solve.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { type GrafanaFlags, grafanaOptions } from './flags/grafana.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';

interface SolveFlags extends StackFlags, GrafanaFlags {
  undo?: boolean;
  force?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .argument('<exercise>', 'exercise-2')
    .option('--undo', 'remove exactly what solve created, and put back what --force replaced')
    .option(
      '--force',
      'replace a data source, dashboard or alert rule of the same name that solve did not make (a copy is kept for --undo)',
    )
    .addHelpText(
      'after',
      helpFooter(
        [
          'workshop solve exercise-2',
          'workshop solve exercise-2 --force',
          'workshop solve exercise-2 --undo',
        ],
        [codes.ok, codes.usage, codes.upstream],
      ),
    )
    .action((id: string, flags: SolveFlags) => solveCommand(ctx, id, flags));
}

async function solveCommand(ctx: Context, id: string, flags: SolveFlags): Promise<void> {
  const target = grafanaExercise().id;
  if (id !== target) {
    throw new UsageError(
      exerciseById(id) ? `there is no reference solution to apply for ${id}` : `unknown exercise ${id}`,
      `${id === 'exercise-1' ? 'exercise-1 is PromQL in Prometheus: see exercises/exercise-1/README.md; ' : ''}solve takes ${target}`,
    );
  }
  const session = await openSession(ctx, flags);
  const lines = await solvePhase(session, {
    undo: Boolean(flags.undo),
    force: Boolean(flags.force),
  });
  if (lines.length === 0) ctx.stdout.write('Nothing to undo: solve has not created anything here.\n');
  for (const line of lines) ctx.stdout.write(`${line}\n`);
}
