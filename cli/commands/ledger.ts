import type { Command } from 'commander';
import type { Context } from '../context.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { ledgerDir, readLedgers } from '../traffic/ledger.js';
import { renderLedger } from '../traffic/render.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';

interface LedgerFlags extends StackFlags {
  json?: boolean;
  all?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  stackOptions(cmd)
    .option('--all', 'every recorded run, oldest first')
    .option(
      '--json',
      'print only the ledger document (an array with --all; null when there is none) on stdout',
    )
    .addHelpText(
      'after',
      helpFooter(['workshop ledger', 'workshop ledger --all --json'], [codes.ok, codes.usage]),
    )
    .action((flags: LedgerFlags) => ledger(ctx, flags));
}

async function ledger(ctx: Context, flags: LedgerFlags): Promise<void> {
  const { config } = await openSession(ctx, flags);
  const { ledgers, damaged } = await readLedgers(config.stateDir);
  for (const d of damaged) ctx.stderr.write(`workshop: skipped ${d.file}: ${d.problem}\n`);
  const chosen = flags.all ? ledgers : ledgers.slice(-1);
  if (flags.json) {
    const docs = chosen.map((c) => c.ledger);
    ctx.stdout.write(`${JSON.stringify(flags.all ? docs : (docs[0] ?? null), null, 2)}\n`);
    return;
  }
  // No run yet is a fact, not a failure: say so and how to make one.
  if (chosen.length === 0) {
    ctx.stdout.write(
      `No traffic run is recorded in ${ledgerDir(config.stateDir)} yet; \`workshop traffic quick\` makes one.\n`,
    );
    return;
  }
  ctx.stdout.write(chosen.map((c) => renderLedger(c.ledger, c.file)).join('\n'));
}
