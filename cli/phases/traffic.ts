import { randomInt } from 'node:crypto';
import os from 'node:os';
import { UpstreamError } from '../errors.js';
import { ensureWritableDir } from '../fs-safe.js';
import type { Session } from '../session.js';
import { ledgerDir, writeLedger } from '../traffic/ledger.js';
import type { TrafficOptions } from '../traffic/options.js';
import { plannedCount, planTraffic } from '../traffic/plan.js';
import { probeApp } from '../traffic/probe.js';
import { phaseText, tickProgress } from '../traffic/progress-ticker.js';
import { maxSeed, seededRng } from '../traffic/random.js';
import { type RunOutcome, type Send, startRun } from '../traffic/run.js';
import { createSender } from '../traffic/sender.js';
import { ledgerOf, summaryOf, type TrafficSummary } from '../traffic/summary.js';
import { webappStartTime } from '../traffic/webapp-identity.js';
import type { Spinner } from '../ui/spinner.js';

/** After Ctrl-C, how long requests already sent may still answer before they are cut off. */
const graceMs = 2_000;
/** This many requests in a row without any HTTP answer: the webapp is gone, stop sending. */
const goneAfter = 5;

export interface TrafficResult {
  summary: TrafficSummary;
  /** Ctrl-C stopped the run: the summary and ledger hold what was sent until then. */
  interrupted: boolean;
  /** The webapp stopped answering during the run, which then stopped early. */
  webappGone: string | undefined;
  /** Requests that got no HTTP answer, and the first one's reason. */
  unanswered: { count: number; first: string } | undefined;
  /** The ledger could not go to the state dir; it went to `summary.ledgerFile` instead. */
  ledgerFallback: string | undefined;
}

/** Sends a traffic mode to the webapp and records what was answered in a ledger. */
export async function trafficPhase(
  session: Session,
  options: TrafficOptions,
  opts: { spinner: Spinner; baseUrl?: string },
): Promise<TrafficResult> {
  const { ctx, config } = session;
  const baseUrl = opts.baseUrl ?? config.urls.webapp;
  // Where the ledger goes is checked before the first request: a run must never be lost.
  await ensureWritableDir(ledgerDir(config.stateDir));
  await probeApp(ctx.http, baseUrl, ctx.signal);
  const seed = options.seed ?? randomInt(0, maxSeed);
  const plan = planTraffic(options, seededRng(seed));
  const startTimeSeconds = await webappStartTime(ctx.http, baseUrl, ctx.signal);

  const gone = new AbortController();
  const sender = createSender(baseUrl, options.concurrency);
  let inARow = 0;
  let goneReason: string | undefined;
  const send: Send = async (request, signal) => {
    const result = await sender.send(request, signal);
    inARow = result.status === 0 && !signal.aborted ? inARow + 1 : 0;
    if (inARow >= goneAfter && !gone.signal.aborted) {
      goneReason = `${goneAfter} requests in a row got no answer (last: ${result.error ?? 'no response'})`;
      gone.abort(new Error(goneReason));
    }
    return result;
  };
  const run = startRun(plan, {
    send,
    now: () => performance.now(),
    wallNow: () => ctx.now(),
    sleep: (ms, signal) => ctx.sleep(ms, signal),
    signal: AbortSignal.any([ctx.signal, gone.signal]),
    concurrency: options.concurrency,
    graceMs,
    onPhase: (index, count, name) => {
      const line = phaseText(index, count, name);
      if (line) opts.spinner.info(line);
    },
  });
  const ticker = tickProgress(opts.spinner, plan.mode, run.progress, plannedCount(plan));
  let outcome: RunOutcome;
  try {
    outcome = await run.done;
  } finally {
    ticker.stop();
    await sender.close();
  }
  const answered = `${outcome.records.filter((r) => r.status > 0).length} answered requests in ${(outcome.wallMs / 1000).toFixed(1)} s`;
  if (goneReason) opts.spinner.fail(`${plan.mode}: the webapp stopped answering after ${answered}`);
  else if (outcome.interrupted) opts.spinner.fail(`${plan.mode}: stopped after ${answered}`);
  else opts.spinner.succeed(`${plan.mode}: ${answered}`);

  const ledger = ledgerOf(outcome, {
    mode: options.mode,
    seed,
    timeScale: options.timeScale,
    baseUrl,
    webapp: { startTimeSeconds },
  });
  let ledgerFallback: string | undefined;
  let file: string;
  try {
    file = await writeLedger(config.stateDir, ledger);
  } catch (error) {
    // The state dir went away during the run: the record of what was sent goes to the temp folder.
    ledgerFallback = (error as Error).message;
    file = await writeLedger(os.tmpdir(), ledger);
  }
  const missing = outcome.records.filter((r) => r.status === 0);
  return {
    summary: summaryOf(outcome, ledger, file),
    interrupted: outcome.interrupted && !goneReason,
    webappGone: goneReason,
    unanswered: missing[0]
      ? { count: missing.length, first: `${missing[0].path}: ${missing[0].error ?? 'unknown'}` }
      : undefined,
    ledgerFallback,
  };
}

/** The webapp went away during a run: exit 3, with where the record of what was answered is. */
export function webappGoneError(result: TrafficResult, baseUrl: string): UpstreamError {
  return new UpstreamError(
    'webapp',
    baseUrl,
    `the webapp at ${baseUrl} stopped answering: ${result.webappGone}`,
    {
      hint: `what it answered before is in ${result.summary.ledgerFile}; \`workshop status\` shows what is down`,
    },
  );
}
