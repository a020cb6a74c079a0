import type { Command } from 'commander';
import { classDown } from '../../class/class-stack.js';
import type { Context } from '../../context.js';
import { exitCodeLines as codes, helpFooter } from '../flags/help.js';
import { classCodes, type DirFlags, dirOption } from './flags.js';

/** `workshop class down`: stops the instructor's Prometheus; its data stays. */
export function register(cmd: Command, ctx: Context): void {
  cmd
    .command('down')
    .description("stop the instructor's Prometheus (its data stays in the class folder)")
    .addOption(dirOption())
    .addHelpText(
      'after',
      helpFooter(
        ['workshop class down', 'workshop class down --dir class'],
        [codes.ok, classCodes.usage, classCodes.upstream],
      ),
    )
    .action(async (flags: DirFlags) => {
      const stopped = await classDown(ctx, flags.dir);
      ctx.stdout.write(
        stopped.length ? 'class Prometheus stopped.\n' : 'class Prometheus was not running.\n',
      );
    });
}
