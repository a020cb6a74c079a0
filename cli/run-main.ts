import { CommanderError } from 'commander';
import type { Context } from './context.js';
import { ExitCode, interruptedCode, WorkshopError } from './errors.js';
import { createProgram } from './program.js';

/**
 * The whole CLI for one argv (without node and the script), against a context: what `main`
 * runs for the real process, and what tests run in process. Returns the exit code.
 */
export async function runMain(argv: string[], ctx: Context): Promise<number> {
  try {
    const program = await createProgram(ctx, argv);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.signal.aborted ? interruptedCode(ctx.signal) : ctx.exitCode;
  } catch (error) {
    return report(error, ctx);
  }
}

function report(error: unknown, ctx: Context): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other parse problem is a usage error.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (ctx.signal.aborted) return interruptedCode(ctx.signal);
  if (error instanceof WorkshopError) {
    ctx.stderr.write(`workshop: ${error.message}\n`);
    if (error.hint) ctx.stderr.write(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  ctx.stderr.write('workshop: internal error, please report it with the output below.\n');
  ctx.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return ExitCode.internal;
}
