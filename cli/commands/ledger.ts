import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import type { StackFlags } from '../stack/config.js';
import { ledgerDir, readLedgers } from '../traffic/ledger.js';
import { renderLedger } from '../traffic/render.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';

interface LedgerFlags extends StackFlags {
  json?: boolean;
  all?: boolean;
}

export function registerLedger(program: Command, ctx: Context): void {
  addStackOptions(
    program
      .command('ledger')
      .description('show what the latest `workshop traffic` run sent (the record the checks compare with)')
      .option('--all', 'every recorded run, oldest first')
      .option('--json', 'print only the ledger document (an array with --all) on stdout'),
  ).action((flags: LedgerFlags) => ledger(ctx, flags));
}

export async function ledger(ctx: Context, flags: LedgerFlags): Promise<void> {
  const config = await stackConfigFrom(flags, ctx);
  const { ledgers, damaged } = await readLedgers(config.stateDir);
  for (const d of damaged) ctx.stderr.write(`workshop: skipped ${d.file}: ${d.problem}\n`);
  const chosen = flags.all ? ledgers : ledgers.slice(-1);
  if (chosen.length === 0) {
    ctx.stderr.write(
      `workshop: no traffic run is recorded in ${ledgerDir(config.stateDir)} yet; run \`workshop traffic quick\` first\n`,
    );
    ctx.exitCode = ExitCode.failed;
    return;
  }
  if (flags.json) {
    const docs = chosen.map((c) => c.ledger);
    ctx.stdout.write(`${JSON.stringify(flags.all ? docs : docs[0], null, 2)}\n`);
    return;
  }
  ctx.stdout.write(chosen.map((c) => renderLedger(c.ledger, c.file)).join('\n'));
}
