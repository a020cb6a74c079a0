import { CommanderError } from 'commander';
import { createNodeContext } from './context.js';
import { ExitCode, WorkshopError } from './errors.js';
import { createProgram } from './program.js';

// The only file that touches process: everything else takes a Context and throws typed errors.
const controller = new AbortController();
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupted) process.exit(ExitCode.interrupted); // second Ctrl-C: leave now
    interrupted = true;
    controller.abort(new Error(`interrupted by ${sig}`));
  });
}

const ctx = createNodeContext(controller.signal);
try {
  await createProgram(ctx).parseAsync(process.argv);
  process.exitCode = interrupted ? ExitCode.interrupted : ctx.exitCode;
} catch (error) {
  process.exitCode = report(error);
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other parse problem is a usage error.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (interrupted) return ExitCode.interrupted;
  if (error instanceof WorkshopError) {
    ctx.stderr.write(`workshop: ${error.message}\n`);
    if (error.hint) ctx.stderr.write(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  ctx.stderr.write(`workshop: internal error, please report it with the output below.\n`);
  ctx.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return ExitCode.internal;
}
