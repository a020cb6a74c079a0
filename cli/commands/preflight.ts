import { Chalk } from 'chalk';
import type { Command } from 'commander';
import { grafanaExercise } from '../../exercises/registry.js';
import { counts, type ExerciseResult } from '../checks/results.js';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { GrafanaAuthError } from '../grafana/client.js';
import { type CheckPhaseOptions, checkPhase } from '../phases/check.js';
import { downPhase } from '../phases/down.js';
import { solvePhase } from '../phases/solve.js';
import { trafficPhase } from '../phases/traffic.js';
import { upPhase } from '../phases/up.js';
import { openSession, type Session } from '../session.js';
import { chooseBackend } from '../stack/backend.js';
import { runningComposeServices } from '../stack/compose.js';
import type { BackendName, StackFlags, StackUrls } from '../stack/config.js';
import { aliveProcesses } from '../stack/native.js';
import { checkRequirements, type Requirement } from '../stack/requirements.js';
import { parseTrafficOptions } from '../traffic/options.js';
import { createSpinner, type Spinner } from '../ui/spinner.js';
import {
  exitCodeLines as codes,
  type GrafanaFlags,
  grafanaCredentials,
  grafanaNamed,
  grafanaOptions,
  helpFooter,
  stackOptions,
} from './options.js';

interface PreflightFlags extends StackFlags, GrafanaFlags {
  install: boolean;
  selfTest?: boolean;
  keep?: boolean;
  json?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .option(
      '--self-test',
      "also prove exercise 2's checks on the running Grafana: fail, solve, pass, undo (changes Grafana)",
    )
    .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
    .option('--keep', 'leave the stack running afterwards')
    .option('--json', 'print only a JSON document on stdout')
    .addHelpText(
      'after',
      helpFooter(
        ['workshop preflight', 'workshop preflight --backend compose --self-test'],
        [
          '0    ready (for both exercises, or for Exercise 1 only: the verdict says which)',
          '1    not ready: the "to do" items say what to do',
          codes.usage,
          codes.interrupted,
        ],
      ),
    )
    .action((flags: PreflightFlags) => preflight(ctx, flags));
}

type Verdict = 'ready' | 'exercise-1 only' | 'not ready';

async function preflight(ctx: Context, flags: PreflightFlags): Promise<void> {
  const session = await openSession(ctx, flags);
  const { config } = session;
  const chosen = await chooseBackend(config, ctx.exec);
  const progress = createSpinner({
    stream: ctx.stderr,
    interactive: ctx.interactive,
    quiet: Boolean(flags.json),
  });
  progress.start(`checking the host for the ${chosen.backend} backend`);
  const running = await ownRunningServices(chosen.backend, session);
  const items = (await checkRequirements(chosen.backend, ctx.exec, ctx.env, ctx.cwd, config.urls)).map((r) =>
    // Our own running stack holds the ports (compose: through docker-proxy): not a conflict.
    r.service && !r.ok && running.includes(r.service)
      ? { ...r, ok: true, detail: 'in use by the running workshop stack' }
      : r,
  );
  const met = (list: Requirement[]) => list.every((i) => i.ok || i.optional);
  if (!met(items) && chosen.backend === 'compose') items.push(await nativeInstead(ctx, config.urls));
  let startedHere = false;
  let grafanaReady: boolean | undefined;
  if (met(items)) {
    const steps = new Steps(items, progress);
    const up = await steps.run(
      'stack up, every target healthy',
      async () => {
        // A failed `up` must not leave behind what it started: `down` runs then too.
        startedHere = running.length === 0;
        const r = await upPhase(session, { allowInstall: flags.install, timeoutMs: 120_000, progress });
        startedHere = !r.alreadyUp;
        return `${r.backend} backend${r.alreadyUp ? ' (already up)' : ''}`;
      },
      'see the error; `workshop status` shows each service and target',
    );
    const sent =
      up &&
      (await steps.run(
        'traffic (quick, time scale 0.1)',
        async () => {
          const options = parseTrafficOptions({ mode: 'quick', argument: undefined, timeScale: '0.1' });
          const r = await trafficPhase(session, options, { progress });
          if (r.webappGone) throw new Error(`the webapp stopped answering: ${r.webappGone}`);
          const answered = r.summary.rows
            .filter((row) => row.status > 0)
            .reduce((n, row) => n + row.count, 0);
          return `${r.summary.totalRequests} requests sent, ${answered} answered, in ${r.summary.wallSeconds.toFixed(1)} s`;
        },
        'the webapp must answer: `workshop status`',
      ));
    const base: Omit<CheckPhaseOptions, 'exercises'> = {
      waitMs: 60_000,
      grafana: grafanaCredentials(flags, ctx.env, config),
      grafanaNamed: grafanaNamed(flags, ctx),
      learnerWork: false,
      progress,
    };
    if (sent) {
      await steps.run(
        'exercise-1 checks',
        async () => {
          const summary = await checkPhase(session, { ...base, exercises: ['exercise-1'] });
          const c = counts(summary);
          const missing = summary.exercises.flatMap((e) => e.checks).filter((r) => r.unavailableService);
          if (c.failed + c.errors > 0 || c.unchecked > missing.length)
            throw new Error(
              `${c.failed} failed, ${c.errors} errors, ${c.unchecked - missing.length} unchecked: run \`workshop check exercise-1\` for details`,
            );
          const cannot = missing.length
            ? `, ${missing.length} need ${[...new Set(missing.map((m) => m.unavailableService))].join(', ')}, which this backend does not run`
            : '';
          return `${c.passed} passed${cannot}`;
        },
        'run `workshop check exercise-1` and fix what it reports',
      );
      grafanaReady = await grafanaStep(flags, session, steps, chosen.backend, base);
    }
  }
  if (startedHere && !flags.keep) await downPhase(session, { volumes: false }).catch(() => undefined);
  progress.stop();
  const verdict: Verdict = !met(items) ? 'not ready' : grafanaReady === false ? 'exercise-1 only' : 'ready';
  ctx.stdout.write(
    flags.json
      ? `${JSON.stringify({ backend: chosen.backend, reason: chosen.reason, ready: verdict !== 'not ready', verdict, items }, null, 2)}\n`
      : renderVerdict(chosen.backend, chosen.reason, items, verdict, ctx.color),
  );
  ctx.exitCode = verdict === 'not ready' ? ExitCode.failed : ExitCode.ok;
}

/** The services of our own stack that run now: their ports are taken by us, not by a stranger. */
async function ownRunningServices(backend: BackendName, session: Session): Promise<string[]> {
  if (backend === 'compose') return runningComposeServices(session.ctx.exec);
  return session.state ? aliveProcesses(session.state, session.ctx.processes) : [];
}

/** Runs preflight's steps, each an item of the verdict: ok with what it found, or the error and what to do. */
class Steps {
  private readonly items: Requirement[];
  private readonly progress: Spinner;
  constructor(items: Requirement[], progress: Spinner) {
    this.items = items;
    this.progress = progress;
  }
  add(item: Requirement): false {
    this.items.push(item);
    return false;
  }
  async run(
    name: string,
    step: () => Promise<string>,
    fix: string | ((e: Error) => string),
    optional = false,
  ): Promise<boolean> {
    this.progress.start(name);
    try {
      this.items.push({ name, ok: true, detail: await step(), ...(optional ? { optional } : {}) });
      return true;
    } catch (error) {
      const e = error as Error;
      this.items.push({
        name,
        ok: false,
        detail: e.message,
        fix: typeof fix === 'string' ? fix : fix(e),
        ...(optional ? { optional } : {}),
      });
      return false;
    }
  }
}

/** The compose backend cannot run here: say whether the native one can, instead of just "not ready". */
async function nativeInstead(ctx: Context, urls: StackUrls): Promise<Requirement> {
  const native = await checkRequirements('native', ctx.exec, ctx.env, ctx.cwd, urls);
  const missing = native.filter((i) => !i.ok && !i.optional);
  return missing.length === 0
    ? {
        name: 'native backend instead',
        ok: false,
        optional: true,
        detail: 'ready: Prometheus and node-exporter are installed and the ports are free',
        fix: 'run `workshop preflight --backend native`, then use --backend native',
      }
    : {
        name: 'native backend instead',
        ok: false,
        optional: true,
        detail: `not ready either: ${missing.map((m) => `${m.name} ${m.detail}`).join('; ')}`,
        fix: missing[0]?.fix ?? '',
      };
}

/** Whether exercise 2 can be done: a Grafana answers (and, with --self-test, its checks are proven). */
async function grafanaStep(
  flags: PreflightFlags,
  session: Session,
  steps: Steps,
  backend: BackendName,
  base: Omit<CheckPhaseOptions, 'exercises'>,
): Promise<boolean> {
  const authFix = (e: Error) =>
    e instanceof GrafanaAuthError || e.message.includes('wrong Grafana user or password')
      ? 'pass the right login with --grafana-user / --grafana-password (or WORKSHOP_GRAFANA_USER / WORKSHOP_GRAFANA_PASSWORD)'
      : 'run `workshop check exercise-2` after `workshop solve exercise-2` to see which check disagrees';
  const lacks = session.state?.unavailable.grafana;
  if (lacks && !base.grafanaNamed)
    return steps.add({
      name: 'Grafana (exercise 2)',
      ok: false,
      optional: true,
      detail: `no Grafana in the ${backend} backend (${lacks})`,
      fix: 'use the compose backend, or point --grafana-url at a Grafana; Exercise 1 works without it',
    });
  if (!flags.selfTest)
    return steps.run(
      'Grafana (exercise 2)',
      async () => {
        await grafanaLogsIn(session, base);
        return `answers at ${session.config.urls.grafana} (--self-test also proves the exercise 2 checks)`;
      },
      authFix,
      true,
    );
  return steps.run(
    'exercise-2 self-test (fail → solve → pass → undo)',
    () => selfTest(session, base, flags),
    authFix,
    true,
  );
}

/** Grafana answers and takes the login: reading the data sources needs it (health alone does not). */
async function grafanaLogsIn(session: Session, base: Omit<CheckPhaseOptions, 'exercises'>): Promise<void> {
  const summary = await checkPhase(session, {
    ...base,
    exercises: ['exercise-2'],
    only: (id) => id === 'exercise-2/A/1',
  });
  const error = summary.exercises[0]?.checks.find((c) => c.status === 'error');
  if (error) throw new Error(error.message);
}

/** Katacoda's Solver idea: a clean Grafana must fail every check, the reference solution must pass them. */
async function selfTest(
  session: Session,
  base: Omit<CheckPhaseOptions, 'exercises'>,
  flags: PreflightFlags,
): Promise<string> {
  const credentials = grafanaCredentials(flags, session.ctx.env, session.config);
  const grade = async (): Promise<ExerciseResult> => {
    const r = (await checkPhase(session, { ...base, exercises: [grafanaExercise().id] }))
      .exercises[0] as ExerciseResult;
    const error = r.checks.find((c) => c.status === 'error');
    if (error) throw new Error(error.message);
    return r;
  };
  const before = await grade();
  const passingBefore = before.checks.filter((c) => c.status === 'pass').map((c) => c.id);
  await solvePhase(session, { undo: false, credentials });
  let after: ExerciseResult;
  try {
    after = await grade();
  } finally {
    await solvePhase(session, { undo: true, credentials });
  }
  const failingAfter = after.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`);
  if (failingAfter.length) throw new Error(`after solve, still failing: ${failingAfter.join('; ')}`);
  if (passingBefore.length)
    return `solve passes every check; already passing before (Grafana was not clean): ${passingBefore.join(', ')}`;
  return 'every check failed on the clean Grafana and passed after solve; undone';
}

function renderVerdict(
  backend: string,
  reason: string,
  items: Requirement[],
  verdict: Verdict,
  color: boolean,
): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines = [`Preflight for the ${backend} backend (${reason}):`];
  for (const i of items) {
    const mark = i.ok ? c.green('✓') : i.optional ? c.dim('○') : c.red('✗');
    lines.push(`  ${mark} ${i.name.padEnd(34)} ${i.detail}`);
    if (!i.ok && i.fix) lines.push(`      ${i.optional ? 'optional: ' : 'to do: '}${i.fix}`);
  }
  const said = {
    ready: c.green('Verdict: READY for the workshop.'),
    'exercise-1 only': c.yellow(
      'Verdict: READY for Exercise 1 only: Exercise 2 needs a Grafana (see above).',
    ),
    'not ready': c.red('Verdict: NOT READY: do the "to do" items above, then run preflight again.'),
  };
  lines.push('', said[verdict]);
  return `${lines.join('\n')}\n`;
}
