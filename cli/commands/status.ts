import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import type { StackFlags } from '../stack/config.js';
import { readState } from '../stack/state.js';
import { collectStatus } from '../stack/status.js';
import { renderStatus } from '../stack/status-render.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';

interface StatusFlags extends StackFlags {
  json?: boolean;
}

export function registerStatus(program: Command, ctx: Context): void {
  addStackOptions(
    program
      .command('status')
      .description("show each service's health and each Prometheus target; exits 3 when something is down")
      .option('--json', 'print only a JSON document on stdout'),
  ).action((flags: StatusFlags) => status(ctx, flags));
}

export async function status(ctx: Context, flags: StatusFlags): Promise<void> {
  const config = await stackConfigFrom(flags, ctx);
  const result = await collectStatus(config.urls, await readState(config.stateDir));
  ctx.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderStatus(result, ctx.color));
  ctx.exitCode = result.healthy ? ExitCode.ok : ExitCode.upstream;
}
