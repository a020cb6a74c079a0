import type { Command } from 'commander';
import { exercise2 } from '../../exercises/exercise-2/exercise.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { nodeExec } from '../exec.js';
import { GrafanaClient } from '../grafana/client.js';
import { solve, undo } from '../grafana/solve.js';
import { chooseBackend } from '../stack/backend.js';
import type { StackConfig, StackFlags } from '../stack/config.js';
import { readState } from '../stack/state.js';
import { addGrafanaOptions, grafanaCredentials } from './check.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';

interface SolveFlags extends StackFlags {
  undo?: boolean;
  grafanaUser?: string;
  grafanaPassword?: string;
}

export function registerSolve(program: Command, ctx: Context): void {
  addGrafanaOptions(
    addStackOptions(
      program
        .command('solve')
        .description(
          "instructors: apply an exercise's reference solution through the Grafana API (idempotent)",
        )
        .argument('<exercise>', 'exercise-2')
        .option('--undo', 'remove exactly what solve created'),
    ),
  ).action((id: string, flags: SolveFlags) => solveCommand(ctx, id, flags));
}

export async function solveCommand(ctx: Context, id: string, flags: SolveFlags): Promise<void> {
  if (id !== exercise2.id) {
    throw new UsageError(
      `there is no reference solution to apply for ${id}`,
      'exercise-1 is PromQL in Prometheus: see exercises/exercise-1/README.md; solve takes exercise-2',
    );
  }
  const config = await stackConfigFrom(flags, ctx);
  const client = new GrafanaClient(config.urls.grafana, grafanaCredentials(flags, ctx.env), {
    timeoutMs: 10_000,
    signal: ctx.signal,
  });
  await client.health();
  const lines = flags.undo
    ? await undo(client, config.stateDir)
    : await solve(client, exercise2, {
        dataSourceUrl: await dataSourceUrl(config),
        stateDir: config.stateDir,
      });
  if (lines.length === 0) ctx.stdout.write('Nothing to undo: solve has not created anything here.\n');
  for (const line of lines) ctx.stdout.write(`${line}\n`);
}

/** Grafana in Docker reaches Prometheus by its service name; a native Grafana by the local URL. */
async function dataSourceUrl(config: StackConfig): Promise<string> {
  const backend = (await readState(config.stateDir))?.backend ?? (await chooseBackend(config, nodeExec));
  return backend === 'compose' ? exercise2.dataSource.composeUrl : config.urls.prometheus;
}
