import { Command } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerDown } from './commands/down.js';
import { registerLedger } from './commands/ledger.js';
import { registerList } from './commands/list.js';
import { registerPreflight } from './commands/preflight.js';
import { registerSmoke } from './commands/smoke.js';
import { registerSolve } from './commands/solve.js';
import { registerStatus } from './commands/status.js';
import { registerTraffic } from './commands/traffic.js';
import { registerUp } from './commands/up.js';
import type { Context } from './context.js';
import { version } from './version.js';

/** A command module: wires its flags into commander and runs its behaviour against the context. */
export type RegisterCommand = (program: Command, ctx: Context) => void;

const commands: RegisterCommand[] = [
  registerUp,
  registerDown,
  registerStatus,
  registerTraffic,
  registerLedger,
  registerCheck,
  registerList,
  registerSmoke,
  registerSolve,
  registerPreflight,
];

/** A fresh commander program per call, so tests never share parser state. */
export function createProgram(ctx: Context, extra: RegisterCommand[] = commands): Command {
  const program = new Command('workshop')
    .description('Run the Prometheus + Grafana Golden Signals workshop and verify every exercise.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  for (const register of extra) register(program, ctx);
  return program;
}
