import type { Command } from 'commander';
import { exercises } from '../../exercises/registry.js';
import type { ExerciseResult } from '../checks/results.js';
import { selectExercises } from '../checks/select.js';
import type { Context } from '../context.js';
import { ExitCode, interruptedCode } from '../errors.js';
import { learnerGrader } from '../learner/learner-grader.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { probeHttp } from '../stack/wait.js';
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
/** How often Prometheus is asked whether it is there (with as long to answer): a dead one shows within 2 s. */
const prometheusProbeMs = 800;

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
  const terminal = ctx.stdout as NodeJS.WritableStream & { columns?: number; rows?: number };
  const draw = () => {
    if (!screen) return;
    const size = { width: terminal.columns || 80, height: terminal.rows || 24 };
    // No newline after the last line: on a full screen it would scroll the first one away.
    ctx.stdout.write(`\x1b[H\x1b[2J${renderWatch(view, { color: ctx.color, ...size })}`);
  };
  terminal.on('resize', draw);
  const grader = learnerGrader(session, {
    grafana: grafanaCredentials(flags, ctx.env, session.config),
    grafanaNamed: grafanaNamed(flags, ctx),
  });
  const { config } = session;
  const readyUrl = `${config.urls.prometheus}/-/ready`;
  const status = () =>
    grader.hasQueryLog()
      ? `watching ${config.urls.prometheus}'s query log${chosen.includes('exercise-2') ? ` and ${config.urls.grafana}` : ''}`
      : 'no query log of this Prometheus is known: `workshop up` starts one that writes it';
  const results = new Map<string, ExerciseResult>();
  let shown: ExerciseResult[] = [];
  const update = async (which: 'exercise-1' | 'exercise-2' | 'all') => {
    for (const id of chosen) {
      if (which !== 'all' && which !== id) continue;
      const result = await grader.grade(id);
      if (result) results.set(id, result);
    }
    const next = chosen.flatMap((id) => results.get(id) ?? []);
    if (!screen) for (const line of changeLines(shown, next)) ctx.stdout.write(`${line}\n`);
    shown = next;
    view.exercises = next;
    view.status = status();
    draw();
  };
  // A Grafana that answered and then stops (the learner's own, a container): its checks keep
  // their last answer under a banner, instead of turning into "no Grafana" or errors.
  let grafanaSeen = false;
  let prometheusDown = false;
  let grafanaDown = false;
  const banner = () => {
    const problems = [
      ...(prometheusDown
        ? [`Prometheus at ${config.urls.prometheus} does not answer; your passes are kept`]
        : []),
      ...(grafanaDown
        ? [`Grafana at ${config.urls.grafana} does not answer; its checks show its last answer`]
        : []),
    ];
    if (problems.length) view.problem = problems.join('; ');
    else delete view.problem;
  };
  const grafanaAnswers = async () => {
    const ok = (await probeHttp(ctx.http, 'Grafana', `${config.urls.grafana}/api/health`, 1_000)).ok;
    grafanaSeen ||= ok;
    return ok || !grafanaSeen;
  };
  if (screen) ctx.stdout.write('\x1b[?25l');
  else ctx.stdout.write(`workshop watch: grading your work as you go (${status()}); Ctrl-C stops\n`);
  try {
    if (chosen.includes('exercise-2')) await grafanaAnswers();
    await update('all');
    let lastGrafana = ctx.now();
    let lastProbe = ctx.now();
    const all = AbortSignal.any([ctx.signal, stop.signal]);
    while (!all.aborted) {
      await ctx.sleep(logPollMs, all).catch(() => undefined);
      if (all.aborted) break;
      if (ctx.now() - lastProbe >= prometheusProbeMs) {
        lastProbe = ctx.now();
        const answers = (await probeHttp(ctx.http, 'Prometheus', readyUrl, prometheusProbeMs)).ok;
        if (answers === prometheusDown) {
          prometheusDown = !answers;
          banner();
          if (answers) {
            if (!screen) ctx.stdout.write(`Prometheus at ${config.urls.prometheus} answers again\n`);
            await update('all');
          } else {
            if (!screen)
              ctx.stdout.write(
                `! Prometheus at ${config.urls.prometheus} does not answer; your passes are kept\n`,
              );
            draw();
          }
          continue;
        }
      }
      if (prometheusDown) continue;
      if (await grader.logChanged().catch(() => false)) await update('exercise-1');
      if (ctx.now() - lastGrafana >= grafanaPollMs && chosen.includes('exercise-2')) {
        lastGrafana = ctx.now();
        const answers = await grafanaAnswers();
        if (answers === grafanaDown) {
          grafanaDown = !answers;
          banner();
          if (!screen)
            ctx.stdout.write(
              answers
                ? `Grafana at ${config.urls.grafana} answers again\n`
                : `! Grafana at ${config.urls.grafana} does not answer; its checks show its last answer\n`,
            );
          draw();
        }
        if (answers) await update('exercise-2');
      }
    }
  } finally {
    terminal.off('resize', draw);
    keys.close();
    if (screen) ctx.stdout.write('\x1b[?25h\n');
  }
  ctx.exitCode = ctx.signal.aborted
    ? interruptedCode(ctx.signal)
    : keys.interrupted()
      ? ExitCode.interrupted
      : ExitCode.ok;
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
