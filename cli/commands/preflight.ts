import { Chalk } from 'chalk';
import type { Command } from 'commander';
import { exercise2 } from '../../exercises/exercise-2/exercise.js';
import { counts, type ExerciseResult } from '../checks/results.js';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { nodeExec } from '../exec.js';
import { GrafanaClient } from '../grafana/client.js';
import { runGrafanaExercise } from '../grafana/run-exercise.js';
import { solve, undo } from '../grafana/solve.js';
import { PrometheusClient } from '../prometheus/client.js';
import { chooseBackend, downStack, upStack } from '../stack/backend.js';
import type { StackFlags } from '../stack/config.js';
import { aliveProcesses } from '../stack/native.js';
import { checkRequirements, type Requirement } from '../stack/requirements.js';
import { readState } from '../stack/state.js';
import { discard } from '../ui/discard.js';
import { createProgress } from '../ui/progress.js';
import { addGrafanaOptions, grafanaCredentials, runChecks } from './check.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';
import { traffic } from './traffic.js';

interface PreflightFlags extends StackFlags {
  install: boolean;
  selfTest?: boolean;
  keep?: boolean;
  json?: boolean;
  grafanaUser?: string;
  grafanaPassword?: string;
}

export function registerPreflight(program: Command, ctx: Context): void {
  addGrafanaOptions(
    addStackOptions(
      program
        .command('preflight')
        .description(
          'instructors: is this machine ready for the workshop? requirements, stack, traffic and checks, then a verdict',
        )
        .option(
          '--self-test',
          "also prove exercise 2's checks on the running Grafana: fail, solve, pass, undo (changes Grafana)",
        )
        .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
        .option('--keep', 'leave the stack running afterwards')
        .option('--json', 'print only a JSON document on stdout'),
    ),
  ).action((flags: PreflightFlags) => preflight(ctx, flags));
}

export async function preflight(ctx: Context, flags: PreflightFlags): Promise<void> {
  const config = await stackConfigFrom(flags, ctx);
  const backend = await chooseBackend(config, nodeExec);
  const progress = createProgress({ stream: ctx.stderr, isTTY: ctx.isTTY, quiet: Boolean(flags.json) });
  progress.start(`checking the host for the ${backend} backend`);
  const state = await readState(config.stateDir);
  const running = state && (await aliveProcesses(state)).length > 0;
  const items: Requirement[] = (await checkRequirements(backend, nodeExec, ctx.env, ctx.cwd)).map((r) =>
    // Our own running stack holds the ports: that is not a conflict.
    running && r.name.startsWith('port ') && !r.ok
      ? { ...r, ok: true, detail: 'in use by the running workshop stack' }
      : r,
  );
  const step = async (name: string, run: () => Promise<string>, fix: string) => {
    progress.start(name);
    try {
      items.push({ name, ok: true, detail: await run() });
      return true;
    } catch (error) {
      items.push({ name, ok: false, detail: (error as Error).message, fix });
      return false;
    }
  };
  let startedHere = false;
  if (items.every((i) => i.ok || i.optional)) {
    const up = await step(
      'stack up, every target healthy',
      async () => {
        const r = await upStack({
          config,
          exec: nodeExec,
          allowInstall: flags.install,
          timeoutMs: 120_000,
          progress,
          ctx,
        });
        startedHere = !r.alreadyUp;
        return `${r.backend} backend${r.alreadyUp ? ' (already up)' : ''}`;
      },
      'see the error; `workshop status` shows each service and target',
    );
    const sent =
      up &&
      (await step(
        'traffic (quick, time scale 0.1)',
        async () => {
          await traffic(
            { ...ctx, stdout: discard() },
            { ...flags, mode: 'quick', argument: undefined, timeScale: '0.1', json: true },
          );
          return '50 requests sent';
        },
        'the webapp must answer: `workshop status`',
      ));
    if (sent) {
      await step(
        'exercise-1 checks',
        async () => {
          const summary = await runChecks(ctx, ['exercise-1'], { ...flags, wait: 60, json: true });
          const c = counts(summary);
          if (c.failed + c.errors > 0)
            throw new Error(
              `${c.failed} failed, ${c.errors} errors: run \`workshop check exercise-1\` for details`,
            );
          return `${c.passed} passed, ${c.skipped} skipped`;
        },
        'run `workshop check exercise-1` and fix what it reports',
      );
    }
    if (sent && flags.selfTest) {
      await step(
        'exercise-2 self-test (fail → solve → pass → undo)',
        () => selfTest(ctx, flags, config.urls, backend, config.stateDir),
        'run `workshop check exercise-2` after `workshop solve exercise-2` to see which check disagrees',
      );
    }
  }
  if (startedHere && !flags.keep)
    await downStack(config, nodeExec, false, (ms) => ctx.sleep(ms)).catch(() => undefined);
  progress.stop();
  const ready = items.every((i) => i.ok || i.optional);
  ctx.stdout.write(
    flags.json
      ? `${JSON.stringify({ backend, ready, items }, null, 2)}\n`
      : renderVerdict(backend, items, ready, ctx.color),
  );
  ctx.exitCode = ready ? ExitCode.ok : ExitCode.failed;
}

/** Katacoda's Solver idea: a clean Grafana must fail every check, the reference solution must pass them. */
async function selfTest(
  ctx: Context,
  flags: PreflightFlags,
  urls: Record<string, string>,
  backend: 'compose' | 'native',
  stateDir: string,
): Promise<string> {
  const client = new GrafanaClient(urls.grafana as string, grafanaCredentials(flags, ctx.env), {
    timeoutMs: 10_000,
  });
  const prom = new PrometheusClient(urls.prometheus as string, { timeoutMs: 5_000 });
  const run = () =>
    runGrafanaExercise(exercise2, {
      client,
      prom,
      env: { backend, prometheusUrl: urls.prometheus as string },
      now: ctx.now,
    });
  const statuses = (r: ExerciseResult) => r.checks.map((c) => c.status);
  const before = await run();
  if (statuses(before).includes('error'))
    throw new Error(before.checks[0]?.message ?? 'Grafana could not be checked');
  const passingBefore = before.checks.filter((c) => c.status === 'pass').map((c) => c.id);
  await solve(client, exercise2, {
    dataSourceUrl: backend === 'compose' ? exercise2.dataSource.composeUrl : (urls.prometheus as string),
    stateDir,
  });
  const after = await run();
  await undo(client, stateDir);
  const failingAfter = after.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`);
  if (failingAfter.length) throw new Error(`after solve, still failing: ${failingAfter.join('; ')}`);
  if (passingBefore.length)
    return `solve passes every check; already passing before (Grafana was not clean): ${passingBefore.join(', ')}`;
  return 'every check failed on the clean Grafana and passed after solve; undone';
}

function renderVerdict(backend: string, items: Requirement[], ready: boolean, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines = [`Preflight for the ${backend} backend:`];
  for (const i of items) {
    const mark = i.ok ? c.green('✓') : i.optional ? c.dim('○') : c.red('✗');
    lines.push(`  ${mark} ${i.name.padEnd(34)} ${i.detail}`);
    if (!i.ok && i.fix) lines.push(`      ${i.optional ? 'optional: ' : 'to do: '}${i.fix}`);
  }
  lines.push(
    '',
    ready
      ? c.green('Verdict: READY for the workshop.')
      : c.red('Verdict: NOT READY: do the "to do" items above, then run preflight again.'),
  );
  return `${lines.join('\n')}\n`;
}
