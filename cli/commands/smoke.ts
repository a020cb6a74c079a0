import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exercises } from '../../exercises/registry.js';
import { type CheckResult, counts, exitCodeFor, type RunSummary } from '../checks/results.js';
import type { Context } from '../context.js';
import { ExitCode, interruptedCode, WorkshopError } from '../errors.js';
import { ensureWritableFile } from '../fs-safe.js';
import { checkPhase } from '../phases/check.js';
import { downPhase } from '../phases/down.js';
import { solvePhase } from '../phases/solve.js';
import { renderPhases, Timeline } from '../phases/timeline.js';
import { trafficPhase, webappGoneError } from '../phases/traffic.js';
import { upPhase } from '../phases/up.js';
import { renderHuman } from '../reporters/human.js';
import { reportDocument } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';
import { openSession, type Session } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { probeHttp } from '../stack/wait.js';
import { parseTrafficOptions } from '../traffic/options.js';
import { createSpinner } from '../ui/spinner.js';
import {
  exitCodeLines as codes,
  type GrafanaFlags,
  grafanaCredentials,
  grafanaNamed,
  grafanaOptions,
  helpFooter,
  nonEmptyPath,
  seconds,
  stackOptions,
} from './options.js';

interface SmokeFlags extends StackFlags, GrafanaFlags {
  install: boolean;
  keep?: boolean;
  json?: boolean;
  junit?: string;
  mode: string;
  timeScale: string;
  seed?: string;
  wait: number;
  timeout: number;
}

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .option('--keep', 'leave the stack running afterwards')
    .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
    .option('--mode <mode>', 'traffic mode to generate', 'quick')
    .option('--time-scale <f>', 'traffic time scale (0.001 ≤ f ≤ 1)', '0.1')
    .option('--seed <n>', 'traffic seed, for a reproducible run')
    .option(
      '--wait <seconds>',
      'how long checks that are "not yet" ready are retried',
      seconds({ min: 0, max: 3600, allowZero: true }),
      60,
    )
    .option(
      '--timeout <seconds>',
      'how long to wait for the stack to be ready',
      seconds({ min: 1, max: 3600 }),
      120,
    )
    .option('--json', 'print only a JSON document on stdout')
    .option('--junit <file>', 'also write a JUnit XML report', nonEmptyPath)
    .addHelpText(
      'after',
      helpFooter(
        [
          'workshop smoke',
          'workshop smoke --backend native --junit smoke.xml',
          'workshop smoke --grafana-url http://localhost:3000 --keep',
        ],
        [
          '0    every phase ran and every check this backend can run passed',
          codes.failed,
          codes.usage,
          codes.upstream,
          '4    nothing failed, but a check could not be checked for another reason than a service the backend does not run',
          codes.interrupted,
        ],
      ),
    )
    .action((flags: SmokeFlags) => smoke(ctx, flags));
}

/**
 * The whole workshop end to end: up, traffic, (solve), checks, (undo), down, composed from the
 * phase functions. Checks of services this backend does not run are reported, not counted.
 */
async function smoke(ctx: Context, flags: SmokeFlags): Promise<void> {
  // Every flag is checked before anything starts.
  const traffic = parseTrafficOptions({
    mode: flags.mode,
    argument: undefined,
    timeScale: flags.timeScale,
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
  });
  const junit = flags.junit ? path.resolve(ctx.cwd, flags.junit) : undefined;
  if (junit) await ensureWritableFile(junit, '--junit');
  const session = await openSession(ctx, flags);
  const progress = createSpinner({
    stream: ctx.stderr,
    interactive: ctx.interactive,
    quiet: Boolean(flags.json),
  });
  const timeline = new Timeline(ctx.now, ctx.signal);
  let startedHere = false;
  // The services the backend does not run: their checks are reported as unchecked, not counted.
  let lacks: Record<string, string> = {};
  let summary: RunSummary | undefined;
  let failure: unknown;
  try {
    await timeline.run(
      'up',
      () => upPhase(session, { allowInstall: flags.install, timeoutMs: flags.timeout * 1000, progress }),
      (r) => {
        startedHere = !r.alreadyUp;
        lacks = r.state.unavailable;
        return {
          outcome: 'ok',
          detail: r.alreadyUp ? `the ${r.backend} stack was already up` : `${r.backend} (${r.reason})`,
        };
      },
    );
    const sent = await timeline.run(
      'traffic',
      () => trafficPhase(session, traffic, { progress }),
      (r) => ({
        outcome: r.interrupted ? 'interrupted' : r.webappGone ? 'failed' : 'ok',
        detail: `${r.summary.mode}: ${r.summary.totalRequests} requests in ${r.summary.wallSeconds.toFixed(1)} s${r.webappGone ? `; ${r.webappGone}` : ''}`,
      }),
    );
    if (sent.webappGone) throw webappGoneError(sent, session.config.urls.webapp);
    if (!ctx.signal.aborted) summary = await gradeEverything(ctx, flags, session, timeline, progress);
  } catch (error) {
    failure = error;
  } finally {
    progress.stop();
    await tearDown(session, timeline, flags, startedHere, failure);
  }
  const tolerated = (c: CheckResult) =>
    c.status === 'unchecked' &&
    c.unavailableService !== undefined &&
    lacks[c.unavailableService] !== undefined;
  if (flags.json)
    ctx.stdout.write(
      `${JSON.stringify({ phases: timeline.phases, ...(summary ? reportDocument(summary) : {}) }, null, 2)}\n`,
    );
  else
    ctx.stdout.write(
      `${renderPhases(timeline.phases, ctx.color)}${summary ? `\n${renderHuman(summary, ctx.color)}` : ''}`,
    );
  if (junit && summary) await writeFile(junit, renderJunit(summary));
  if (ctx.signal.aborted) {
    ctx.exitCode = interruptedCode(ctx.signal);
    return;
  }
  // The phase table says where it broke; main prints the error itself and its exit code.
  if (failure !== undefined) throw failure;
  ctx.exitCode = summary ? exitCodeFor(summary, tolerated) : ExitCode.upstream;
}

/** Exercise 1, and exercise 2 against the reference solution where there is a Grafana (undone again). */
async function gradeEverything(
  ctx: Context,
  flags: SmokeFlags,
  session: Session,
  timeline: Timeline,
  progress: ReturnType<typeof createSpinner>,
): Promise<RunSummary> {
  const lacks = session.state?.unavailable.grafana;
  const credentials = grafanaCredentials(flags, ctx.env, session.config);
  const answers = async () =>
    (await probeHttp(ctx.http, 'Grafana', `${session.config.urls.grafana}/api/health`)).ok;
  // A Grafana the user named counts where the backend has none, if it answers; one the backend
  // runs always counts (if it does not answer, exercise 2's checks say so as errors).
  const named = grafanaNamed(flags, ctx) && (await answers());
  let solved = false;
  if (lacks && !named)
    timeline.skip(
      'solve',
      `no Grafana in the ${session.state?.backend} backend, and none answers at ${session.config.urls.grafana}`,
    );
  else {
    // A failed solve (a wrong password, say) is in the table; exercise 2's checks then say why too.
    solved = await timeline
      .run(
        'solve',
        () => solvePhase(session, { undo: false, credentials }),
        (lines) => ({ outcome: 'ok', detail: `${lines.length} changes` }),
      )
      .then(
        () => true,
        () => false,
      );
  }
  const summary = await timeline.run(
    'checks',
    () =>
      checkPhase(session, {
        exercises: exercises().map((e) => e.definition.id),
        waitMs: flags.wait * 1000,
        grafana: credentials,
        grafanaNamed: named,
        learnerWork: false,
        progress,
      }),
    (s) => {
      const n = counts(s);
      return {
        outcome: n.failed + n.errors > 0 ? 'failed' : 'ok',
        detail: `${n.passed} passed, ${n.failed} failed, ${n.unchecked} unchecked, ${n.errors} errors`,
      };
    },
  );
  if (solved)
    await timeline
      .run(
        'undo',
        () => solvePhase(session, { undo: true, credentials }),
        (lines) => ({ outcome: 'ok', detail: `${lines.length} removed` }),
      )
      .catch(() => undefined);
  return summary;
}

/** Stops what smoke started, and says plainly when it leaves something running, and why. */
async function tearDown(
  session: Session,
  timeline: Timeline,
  flags: SmokeFlags,
  startedHere: boolean,
  failure: unknown,
): Promise<void> {
  const up = timeline.phases.find((p) => p.name === 'up');
  if (!startedHere) {
    const why =
      up?.outcome === 'ok'
        ? 'the stack was up before smoke, so it stays up'
        : failure instanceof WorkshopError && failure.cleanup !== undefined
          ? 'up stopped what it had started itself'
          : 'up started nothing';
    timeline.skip('down', why);
    return;
  }
  if (flags.keep) {
    timeline.skip('down', '--keep: the stack stays up (`workshop down` stops it)');
    return;
  }
  await timeline
    .run(
      'down',
      () => downPhase(session, { volumes: false }),
      (r) => ({ outcome: 'ok', detail: `stopped ${r.stopped.join(', ') || 'nothing'}` }),
    )
    .catch(() => undefined);
}
