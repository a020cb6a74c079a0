import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Chalk } from 'chalk';
import type { Command } from 'commander';
import { exitCodeFor, type RunSummary } from '../checks/results.js';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { nodeExec } from '../exec.js';
import { renderHuman } from '../reporters/human.js';
import { renderJson } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';
import { downStack, upStack } from '../stack/backend.js';
import type { StackFlags } from '../stack/config.js';
import { readState } from '../stack/state.js';
import { probeHttp } from '../stack/wait.js';
import { discard } from '../ui/discard.js';
import { createProgress } from '../ui/progress.js';
import { addGrafanaOptions, runChecks } from './check.js';
import { parseSeconds } from './parse.js';
import { solveCommand } from './solve.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';
import { traffic } from './traffic.js';

interface SmokeFlags extends StackFlags {
  grafanaUser?: string;
  grafanaPassword?: string;
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

interface Phase {
  name: 'up' | 'traffic' | 'checks' | 'down';
  seconds: number;
  outcome: 'ok' | 'failed' | 'skipped';
  detail?: string;
}

export function registerSmoke(program: Command, ctx: Context): void {
  addGrafanaOptions(
    addStackOptions(
      program
        .command('smoke')
        .description('the whole workshop end to end: stack up, traffic, every check, stack down')
        .option('--keep', 'leave the stack running afterwards')
        .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
        .option('--mode <mode>', 'traffic mode to generate', 'quick')
        .option('--time-scale <f>', 'traffic time scale (0 < f ≤ 1)', '0.1')
        .option('--seed <n>', 'traffic seed, for a reproducible run')
        .option('--wait <seconds>', 'how long checks that are "not yet" ready are retried', parseSeconds, 60)
        .option('--timeout <seconds>', 'how long to wait for the stack to be ready', parseSeconds, 120)
        .option('--json', 'print only a JSON document on stdout')
        .option('--junit <file>', 'also write a JUnit XML report'),
    ),
  ).action((flags: SmokeFlags) => smoke(ctx, flags));
}

export async function smoke(ctx: Context, flags: SmokeFlags): Promise<void> {
  const config = await stackConfigFrom(flags, ctx);
  const progress = createProgress({ stream: ctx.stderr, isTTY: ctx.isTTY, quiet: Boolean(flags.json) });
  const phases: Phase[] = [];
  const timed = async <T>(name: Phase['name'], run: () => Promise<T>): Promise<T> => {
    const t0 = ctx.now();
    try {
      const value = await run();
      phases.push({ name, seconds: (ctx.now() - t0) / 1000, outcome: 'ok' });
      return value;
    } catch (error) {
      phases.push({
        name,
        seconds: (ctx.now() - t0) / 1000,
        outcome: 'failed',
        detail: (error as Error).message,
      });
      throw error;
    }
  };
  let startedHere = false;
  let summary: RunSummary | undefined;
  let failure: unknown;
  let skipped: string[] = [];
  try {
    const up = await timed('up', () =>
      upStack({
        config,
        exec: nodeExec,
        allowInstall: flags.install,
        timeoutMs: flags.timeout * 1000,
        progress,
        ctx,
      }),
    );
    startedHere = !up.alreadyUp;
    progress.start(`traffic: ${flags.mode} at time scale ${flags.timeScale}`);
    await timed('traffic', () =>
      traffic(
        { ...ctx, stdout: discard() },
        { ...flags, mode: flags.mode, argument: undefined, timeScale: flags.timeScale, json: true },
      ),
    );
    progress.start('checks: exercise-1');
    const named = flags.grafanaUrl !== undefined || Boolean(ctx.env.WORKSHOP_GRAFANA_URL);
    const grafana = await grafanaInStack(config.urls.grafana, config.stateDir, named);
    skipped = grafana ? [] : ['exercise-2 (Grafana): skipped: no Grafana in this backend'];
    summary = await timed('checks', async () => {
      if (!grafana) return runChecks(ctx, ['exercise-1'], { ...flags, json: true });
      // Exercise 2 is graded against the reference solution, which is removed again afterwards.
      progress.start('solve exercise-2');
      await solveCommand({ ...ctx, stdout: discard() }, 'exercise-2', flags);
      try {
        return await runChecks(ctx, ['exercise-1', 'exercise-2'], { ...flags, json: true });
      } finally {
        await solveCommand({ ...ctx, stdout: discard() }, 'exercise-2', { ...flags, undo: true });
      }
    });
  } catch (error) {
    failure = error;
  } finally {
    progress.stop();
    if (startedHere && !flags.keep) {
      await timed('down', () => downStack(config, nodeExec, false, (ms) => ctx.sleep(ms))).catch(
        () => undefined,
      );
    } else {
      phases.push({
        name: 'down',
        seconds: 0,
        outcome: 'skipped',
        detail: flags.keep
          ? '--keep'
          : phases.some((p) => p.name === 'up' && p.outcome === 'ok')
            ? 'the stack was up before smoke'
            : 'nothing was started',
      });
    }
  }
  if (failure !== undefined || summary === undefined) {
    // The phase table still tells where it broke; main prints the error itself and its exit code.
    if (flags.json)
      ctx.stdout.write(`${JSON.stringify({ phases, error: (failure as Error)?.message }, null, 2)}\n`);
    else ctx.stdout.write(renderPhases(phases, ctx.color));
    throw failure;
  }
  if (flags.json) {
    const doc = JSON.parse(renderJson(summary));
    ctx.stdout.write(`${JSON.stringify({ phases, skipped, ...doc }, null, 2)}\n`);
  } else {
    ctx.stdout.write(
      `${renderPhases(phases, ctx.color)}\n${renderHuman(summary, ctx.color)}${skipped.map((l) => `${l}\n`).join('')}`,
    );
  }
  if (flags.junit) await writeFile(path.resolve(ctx.cwd, flags.junit), renderJunit(summary));
  ctx.exitCode = ctx.signal.aborted ? ExitCode.interrupted : exitCodeFor(summary);
}

function renderPhases(phases: Phase[], color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines = ['Phase     Seconds  Outcome'];
  for (const p of phases) {
    const outcome =
      p.outcome === 'ok' ? c.green('ok') : p.outcome === 'failed' ? c.red('failed') : c.dim('skipped');
    lines.push(
      `${p.name.padEnd(9)} ${p.seconds.toFixed(1).padStart(7)}  ${outcome}${p.detail ? c.dim(`  ${p.detail}`) : ''}`,
    );
  }
  const total = phases.reduce((n, p) => n + p.seconds, 0);
  lines.push(`${'total'.padEnd(9)} ${total.toFixed(1).padStart(7)}`);
  return `${lines.join('\n')}\n`;
}

/** A Grafana takes part when it answers and the backend runs one, or the user named one (as `check` does). */
async function grafanaInStack(url: string, stateDir: string, named: boolean): Promise<boolean> {
  if (!named && (await readState(stateDir))?.unavailable.grafana) return false;
  return (await probeHttp('Grafana', `${url}/api/health`)).ok;
}
