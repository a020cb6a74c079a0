import type { Command } from 'commander';
import { exerciseById, exercises } from '../../exercises/registry.js';
import type { ExerciseResult } from '../checks/results.js';
import { selectExercises } from '../checks/select.js';
import type { Verdict } from '../checks/verdict.js';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { workSection } from '../learner/work-section.js';
import { checkPhase } from '../phases/check.js';
import { PrometheusClient } from '../prometheus/client.js';
import { sourceFor } from '../querylog/source.js';
import { interruptedCode } from '../run-main.js';
import { openSession, type Session } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { createProgress } from '../ui/progress.js';
import { changeLines, renderWatch, type WatchView } from '../watch/render.js';
import {
  exitCodeLines as codes,
  type GrafanaFlags,
  grafanaCredentials,
  grafanaNamed,
  grafanaOptions,
  helpFooter,
  stackOptions,
} from './options.js';

/** How often the query log is looked at: a new query shows within a second. */
const logPollMs = 250;
/** How often Grafana is graded again: a saved dashboard shows within five seconds. */
const grafanaPollMs = 3_000;

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .argument('[exercises...]', 'exercise ids (default: all)')
    .addHelpText(
      'after',
      helpFooter(
        ['workshop watch', 'workshop watch exercise-1'],
        ['0    stopped with q', codes.usage, codes.interrupted],
      ),
    )
    .action((ids: string[], flags: StackFlags & GrafanaFlags) => watch(ctx, ids, flags));
}

/**
 * A live checklist of the learner's work: Exercise 1 graded again as soon as a new query is in
 * Prometheus's query log, Exercise 2 every few seconds from Grafana. Keys: q quits, h the hint.
 * Without a terminal, one line per change.
 */
async function watch(ctx: Context, ids: string[], flags: StackFlags & GrafanaFlags): Promise<void> {
  const chosen = selectExercises(
    exercises().map((e) => e.definition.id),
    ids,
  );
  const session = await openSession(ctx, flags);
  const stop = new AbortController();
  const keys = listenForKeys(ctx, stop);
  const view: WatchView = {
    exercises: [],
    parts: Object.fromEntries(exercises().map((e) => [e.definition.id, e.definition.parts])),
    showHint: false,
    status: 'watching',
  };
  keys.onHint(() => {
    view.showHint = !view.showHint;
    draw();
  });
  const screen = ctx.interactive;
  const draw = () => {
    if (screen) ctx.stdout.write(`\x1b[H\x1b[2J${renderWatch(view, { color: ctx.color, width: 100 })}\n`);
  };
  const grader = learnerGrader(session, flags, chosen);
  let shown: ExerciseResult[] = [];
  const update = async (which: 'exercise-1' | 'exercise-2' | 'all') => {
    const next = await grader.grade(which);
    if (!screen) for (const line of changeLines(shown, next)) ctx.stdout.write(`${line}\n`);
    shown = next;
    view.exercises = next;
    view.status = grader.status();
    draw();
  };
  if (screen) ctx.stdout.write('\x1b[?25l');
  else ctx.stdout.write(`workshop watch: grading your work as you go (${grader.status()}); Ctrl-C stops\n`);
  try {
    await update('all');
    let lastGrafana = ctx.now();
    const all = AbortSignal.any([ctx.signal, stop.signal]);
    while (!all.aborted) {
      await ctx.sleep(logPollMs, all).catch(() => undefined);
      if (all.aborted) break;
      if (await grader.logChanged()) await update('exercise-1');
      if (ctx.now() - lastGrafana >= grafanaPollMs && chosen.includes('exercise-2')) {
        lastGrafana = ctx.now();
        await update('exercise-2');
      }
    }
  } finally {
    keys.close();
    if (screen) ctx.stdout.write('\x1b[?25h\n');
  }
  ctx.exitCode = ctx.signal.aborted
    ? interruptedCode(ctx.signal)
    : keys.interrupted()
      ? ExitCode.interrupted
      : ExitCode.ok;
}

/** Grades the chosen exercises, and tells when the query log has grown since the last grading. */
function learnerGrader(session: Session, flags: StackFlags & GrafanaFlags, chosen: string[]) {
  const { ctx, config } = session;
  const api = new PrometheusClient(config.urls.prometheus, {
    http: ctx.http,
    timeoutMs: 5_000,
    signal: ctx.signal,
  });
  const cache = new Map<string, Verdict>();
  const results = new Map<string, ExerciseResult>();
  const quiet = createProgress({ stream: ctx.stderr, interactive: false, quiet: true });
  let seen = '';
  const sourcePromise = sourceFor(session.state?.queryLog, ctx.exec);
  const stamp = async () => {
    const st = await (await sourcePromise)?.stat();
    return st ? `${st.identity}:${st.size}` : '';
  };
  return {
    status: () =>
      session.state?.queryLog
        ? `watching ${config.urls.prometheus}'s query log${chosen.includes('exercise-2') ? ` and ${config.urls.grafana}` : ''}`
        : 'no query log of this Prometheus is known: `workshop up` starts one that writes it',
    async logChanged() {
      return (await stamp()) !== seen;
    },
    async grade(which: 'exercise-1' | 'exercise-2' | 'all') {
      for (const id of chosen) {
        if (which !== 'all' && which !== id) continue;
        const entry = exerciseById(id);
        if (entry?.runner === 'promql')
          results.set(id, await workSection(session, entry.definition, api, { cache }));
        else {
          const summary = await checkPhase(session, {
            exercises: [id],
            waitMs: 0,
            grafana: grafanaCredentials(flags, ctx.env, config),
            grafanaNamed: grafanaNamed(flags, ctx),
            learnerWork: true,
            progress: quiet,
          });
          for (const ex of summary.exercises) results.set(id, ex);
        }
      }
      // Watch's own queries are in the log by now (it logs a query when it finishes): not news.
      seen = await stamp();
      return chosen.flatMap((id) => results.get(id) ?? []);
    },
  };
}

/** q and h, read in raw mode from a terminal; Ctrl-C, which raw mode delivers as a key, stops too. */
function listenForKeys(ctx: Context, stop: AbortController) {
  const input = ctx.stdin;
  let hint = () => {};
  let ctrlC = false;
  const onData = (data: Buffer | string) => {
    const key = String(data);
    if (key === 'q') stop.abort();
    if (key === 'h') hint();
    if (key === '\u0003') {
      ctrlC = true;
      stop.abort();
    }
  };
  const raw = Boolean(input?.isTTY && input.setRawMode && ctx.interactive);
  if (raw && input) {
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  }
  return {
    onHint: (fn: () => void) => {
      hint = fn;
    },
    interrupted: () => ctrlC,
    close: () => {
      if (raw && input) {
        input.off('data', onData);
        input.setRawMode?.(false);
        input.pause();
      }
    },
  };
}
