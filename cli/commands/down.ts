import type { Command } from 'commander';
import type { Context } from '../context.js';
import { nodeExec } from '../exec.js';
import { downStack } from '../stack/backend.js';
import type { StackFlags } from '../stack/config.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';

interface DownFlags extends StackFlags {
  volumes?: boolean;
}

export function registerDown(program: Command, ctx: Context): void {
  addStackOptions(
    program
      .command('down')
      .description('stop exactly what `workshop up` started')
      .option('-v, --volumes', 'also delete the data (Prometheus TSDB, Grafana, logs)'),
  ).action((flags: DownFlags) => down(ctx, flags));
}

export async function down(ctx: Context, flags: DownFlags): Promise<void> {
  const config = await stackConfigFrom(flags, ctx);
  const result = await downStack(config, nodeExec, Boolean(flags.volumes), (ms) => ctx.sleep(ms));
  const what = result.stopped.length ? `stopped ${result.stopped.join(', ')}` : 'nothing was running';
  ctx.stdout.write(`${result.backend} stack: ${what}${flags.volumes ? '; data deleted' : ''}.\n`);
}
