import type { Command } from 'commander';
import type { Context } from '../context.js';
import { downPhase } from '../phases/down.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';

interface DownFlags extends StackFlags {
  volumes?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  stackOptions(cmd)
    .option(
      '-v, --volumes',
      'also delete the data (the state dir that `up` made: Prometheus TSDB, Grafana, logs, ledgers, progress), never a folder holding anything else',
    )
    .addHelpText(
      'after',
      helpFooter(['workshop down', 'workshop down --volumes'], [codes.ok, codes.usage, codes.upstream]),
    )
    .action((flags: DownFlags) => down(ctx, flags));
}

async function down(ctx: Context, flags: DownFlags): Promise<void> {
  const session = await openSession(ctx, flags);
  const r = await downPhase(session, { volumes: Boolean(flags.volumes) });
  const what = r.stopped.length ? `stopped ${r.stopped.join(', ')}` : 'nothing was running';
  const data = !flags.volumes
    ? ''
    : r.deleted
      ? `; data deleted (${session.config.stateDir})`
      : '; no data to delete';
  ctx.stdout.write(`${r.backend} stack: ${what}${data}.\n`);
}
