import type { Command } from 'commander';
import { readClassFile } from '../../class/class-dir.js';
import { classPrometheusUrl } from '../../class/class-stack.js';
import { readClass } from '../../class/read-class.js';
import { renderClassStatus } from '../../class/status-render.js';
import type { Context } from '../../context.js';
import { helpFooter } from '../flags/help.js';
import { classCodes, type DirFlags, dirOption } from './flags.js';

/** `workshop class status`: the grid learner × check, read once from the class Prometheus. */
export function register(cmd: Command, ctx: Context): void {
  cmd
    .command('status')
    .description('the grid learner × check, scores, last seen and who is stuck, from the class Prometheus')
    .addOption(dirOption())
    .option('--prometheus-url <url>', 'the class Prometheus (default: what `class up` recorded)')
    .option('--json', 'print only a JSON document on stdout')
    .addHelpText(
      'after',
      helpFooter(
        ['workshop class status', 'workshop class status --json'],
        [
          '0    the grid was read (unreachable, garbage or slow learners are marked in it)',
          classCodes.usage,
          '3    the class Prometheus does not answer',
        ],
      ),
    )
    .action(async (flags: DirFlags & { prometheusUrl?: string; json?: boolean }) => {
      const { roster } = await readClassFile(flags.dir);
      const grid = await readClass({
        prometheusUrl: await classPrometheusUrl(flags.dir, flags.prometheusUrl),
        http: ctx.http,
        roster,
        nowMs: ctx.now(),
        signal: ctx.signal,
      });
      ctx.stdout.write(
        flags.json ? `${JSON.stringify(grid, null, 2)}\n` : renderClassStatus(grid, ctx.color),
      );
    });
}
