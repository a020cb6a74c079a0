import type { Command } from 'commander';
import type { Context } from '../context.js';
import * as board from './class/board.js';
import * as down from './class/down.js';
import { classCodes } from './class/flags.js';
import * as init from './class/init.js';
import * as status from './class/status.js';
import * as up from './class/up.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';

/** `workshop class <sub>`: each subcommand is a page of its own, in the order --help lists them. */
export function register(cmd: Command, ctx: Context): void {
  cmd.addHelpText(
    'after',
    helpFooter(
      [
        'workshop class init --roster roster.yaml',
        'workshop class up',
        'workshop class status',
        'workshop class board --host 0.0.0.0',
      ],
      [
        '0    done (status: the grid was read; unreachable, garbage or slow learners are marked in it)',
        classCodes.usage,
        classCodes.upstream,
        codes.interrupted,
      ],
    ),
  );
  for (const sub of [init, up, down, status, board]) sub.register(cmd, ctx);
}
