import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { trafficPhase, webappGoneError } from '../phases/traffic.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { listedModes, modeInfo } from '../traffic/modes.js';
import { parseTrafficOptions, type TrafficInput } from '../traffic/options.js';
import { renderSummary } from '../traffic/render.js';
import { spinnerFor } from '../ui/spinner.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';

interface TrafficFlags extends StackFlags, Omit<TrafficInput, 'mode' | 'argument'> {
  json?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  const modeList = listedModes.map((m) => `  ${m.padEnd(11)} ${modeInfo(m).summary}`).join('\n');
  stackOptions(cmd)
    .argument('<mode>', 'what to send (see below)')
    .argument('[count]', 'how many requests (cpu, memory, delay, error-test) or seconds (sustained)')
    .option('--seed <n>', 'replay the same random choices (default: a random seed, printed)')
    .option('--time-scale <f>', 'multiply every /delay and every pause by f (0.001 ≤ f ≤ 1; CI uses 0.1)')
    .option('--concurrency <n>', 'most requests in flight at once (default 32)')
    .option('--duration <seconds>', 'how long sustained (or flood) runs')
    .option('--rate <per-second>', 'flood: requests per second instead of as fast as possible')
    .option('--path <path>', 'flood: the path to send (default /health)')
    .option('--base-url <url>', 'the webapp to send to (same as --app-url)')
    .option('--json', 'print only the summary as JSON on stdout')
    .addHelpText(
      'after',
      `\nModes:\n${modeList}\n  scenarios   same as demo\n${helpFooter(
        [
          'workshop traffic quick',
          'workshop traffic errors',
          'workshop traffic cpu 20 --seed 7',
          'workshop traffic demo --time-scale 0.1',
        ],
        [
          codes.ok,
          codes.usage,
          '3    the webapp does not answer, or stopped answering during the run',
          codes.interrupted,
        ],
      )}`,
    )
    .action((mode: string, argument: string | undefined, flags: TrafficFlags) =>
      traffic(ctx, { ...flags, mode, argument }),
    );
}

async function traffic(ctx: Context, flags: TrafficFlags & TrafficInput): Promise<void> {
  const options = parseTrafficOptions(flags);
  const session = await openSession(ctx, { ...flags, appUrl: flags.baseUrl ?? flags.appUrl });
  const r = await trafficPhase(session, options, { spinner: spinnerFor(ctx, Boolean(flags.json)) });
  ctx.stdout.write(flags.json ? `${JSON.stringify(r.summary, null, 2)}\n` : renderSummary(r.summary));
  if (r.unanswered)
    ctx.stderr.write(
      `workshop: ${r.unanswered.count} request(s) got no response (first: ${r.unanswered.first})\n`,
    );
  if (r.ledgerFallback)
    ctx.stderr.write(
      `workshop: the ledger could not be written to the state dir (${r.ledgerFallback}); it is in ${r.summary.ledgerFile}\n`,
    );
  if (r.webappGone) throw webappGoneError(r, session.config.urls.webapp);
  if (r.interrupted) ctx.exitCode = ExitCode.interrupted;
}
