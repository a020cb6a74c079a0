import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ExitCode, StackError } from '../errors.js';
import type { StackFlags } from '../stack/config.js';
import { writeLedger } from '../traffic/ledger.js';
import { listedModes, modeInfo } from '../traffic/modes.js';
import { parseTrafficOptions, type TrafficInput } from '../traffic/options.js';
import { type Plan, plannedCount, planTraffic } from '../traffic/plan.js';
import { probeApp } from '../traffic/probe.js';
import { tickProgress } from '../traffic/progress-ticker.js';
import { maxSeed, seededRng } from '../traffic/random.js';
import { renderSummary } from '../traffic/render.js';
import { type RunOutcome, startRun } from '../traffic/run.js';
import { createSender } from '../traffic/sender.js';
import { ledgerOf, summaryOf } from '../traffic/summary.js';
import { createProgress, type Progress } from '../ui/progress.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';

interface TrafficFlags extends StackFlags, Omit<TrafficInput, 'mode' | 'argument'> {
  json?: boolean;
}

/** After Ctrl-C, how long requests already sent may still answer before they are cut off. */
const graceMs = 2_000;

export function registerTraffic(program: Command, ctx: Context): void {
  const modeList = listedModes.map((m) => `  ${m.padEnd(11)} ${modeInfo(m).summary}`).join('\n');
  addStackOptions(
    program
      .command('traffic')
      .description('send the workshop traffic to the webapp and record what was sent in a ledger')
      .argument('<mode>', 'what to send (see below)')
      .argument('[count]', 'how many requests (cpu, memory, delay, error-test) or seconds (sustained)')
      .option('--seed <n>', 'replay the same random choices (default: a random seed, printed)')
      .option('--time-scale <f>', 'multiply every /delay and every pause by f (0 < f ≤ 1; CI uses 0.1)')
      .option('--concurrency <n>', 'most requests in flight at once (default 32)')
      .option('--duration <seconds>', 'how long sustained (or flood) runs')
      .option('--rate <per-second>', 'flood: requests per second instead of as fast as possible')
      .option('--path <path>', 'flood: the path to send (default /health)')
      .option('--base-url <url>', 'the webapp to send to (same as --app-url)')
      .option('--json', 'print only the summary as JSON on stdout')
      .addHelpText('after', `\nModes:\n${modeList}\n  scenarios   same as demo`),
  ).action((mode: string, argument: string | undefined, flags: TrafficFlags) =>
    traffic(ctx, { ...flags, mode, argument }),
  );
}

export async function traffic(ctx: Context, flags: TrafficFlags & TrafficInput): Promise<void> {
  const options = parseTrafficOptions(flags);
  const config = await stackConfigFrom({ ...flags, appUrl: flags.baseUrl ?? flags.appUrl }, ctx);
  const baseUrl = config.urls.webapp;
  const seed = options.seed ?? randomInt(0, maxSeed);
  const plan = planTraffic(options, seededRng(seed));

  await probeApp(baseUrl, ctx.signal);
  const progress = createProgress({ stream: ctx.stderr, isTTY: ctx.isTTY, quiet: Boolean(flags.json) });
  const outcome = await execute(ctx, plan, baseUrl, options.concurrency, progress);
  warnAboutMissingResponses(ctx, outcome);

  const ledger = ledgerOf(outcome, { mode: options.mode, seed, timeScale: options.timeScale, baseUrl });
  // A ledger that cannot be written must not cost the summary of a run that already happened.
  const written = await writeLedger(config.stateDir, ledger).then(
    (file) => ({ file }),
    (cause: unknown) => ({ file: '(not written)', cause }),
  );
  const summary = summaryOf(outcome, ledger, written.file);
  ctx.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary));
  if ('cause' in written) {
    throw new StackError(
      `cannot write the traffic ledger under ${config.stateDir}: ${String(written.cause)}`,
      {
        hint: 'use --state-dir (or WORKSHOP_STATE_DIR) to choose a writable folder',
        cause: written.cause,
      },
    );
  }
  if (outcome.interrupted) ctx.exitCode = ExitCode.interrupted;
}

/** Sends the plan with progress on stderr; Ctrl-C (ctx.signal) ends it early with what was sent. */
async function execute(
  ctx: Context,
  plan: Plan,
  baseUrl: string,
  concurrency: number,
  progress: Progress,
): Promise<RunOutcome> {
  const sender = createSender(baseUrl, concurrency);
  const run = startRun(plan, {
    send: sender.send,
    now: () => performance.now(),
    wallNow: () => ctx.now(),
    sleep: (ms, signal) => ctx.sleep(ms, signal),
    signal: ctx.signal,
    concurrency,
    graceMs,
  });
  const ticker = tickProgress(progress, plan.mode, run.progress, plannedCount(plan));
  let outcome: RunOutcome;
  try {
    outcome = await run.done;
  } finally {
    ticker.stop();
    await sender.close();
  }
  const answered = `${outcome.records.length} requests in ${(outcome.wallMs / 1000).toFixed(1)} s`;
  if (outcome.interrupted) progress.fail(`${plan.mode}: stopped after ${answered}`);
  else progress.succeed(`${plan.mode}: ${answered}`);
  return outcome;
}

/** Requests that got no HTTP answer are in the table as status "none"; say once why. */
function warnAboutMissingResponses(ctx: Context, outcome: RunOutcome): void {
  const missing = outcome.records.filter((r) => r.status === 0);
  const first = missing[0];
  if (!first) return;
  ctx.stderr.write(
    `workshop: ${missing.length} request(s) got no response (first: ${first.path}: ${first.error ?? 'unknown'})\n`,
  );
}
