import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exitCodeFor } from '../checks/results.js';
import type { Context } from '../context.js';
import { ExitCode, interruptedCode } from '../errors.js';
import { ensureWritableFile } from '../fs-safe.js';
import { once } from '../memo.js';
import { renderHuman } from '../reporters/human.js';
import { reportDocument } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';
import { openSession } from '../session.js';
import { grafanaToGrade } from '../stack/grafana-target.js';
import { renderPhases } from '../steps/phase-table.js';
import { runSteps, StepRunner } from '../steps/runner.js';
import { type SmokeContext, smokeSteps } from '../steps/smoke.js';
import { toleratedBy } from '../steps/tolerance.js';
import { parseTrafficOptions } from '../traffic/options.js';
import { spinnerFor } from '../ui/spinner.js';
import { type SmokeFlags, smokeFlags } from './smoke/flags.js';

export function register(cmd: Command, ctx: Context): void {
  smokeFlags(cmd).action((flags: SmokeFlags) => smoke(ctx, flags));
}

/** The whole workshop end to end, as steps; checks of services this backend does not run are reported, not counted. */
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
  const spinner = spinnerFor(ctx, Boolean(flags.json));
  const context: SmokeContext = {
    session,
    spinner,
    traffic,
    allowInstall: flags.install,
    timeoutMs: flags.timeout * 1000,
    waitMs: flags.wait * 1000,
    keep: Boolean(flags.keep),
    grafana: once(() => grafanaToGrade(session, 'write')),
    stack: 'not-run',
  };
  const runner = new StepRunner(ctx);
  const { failure } = await runSteps(smokeSteps, context, runner);
  spinner.stop();
  const { summary } = context;
  ctx.stdout.write(
    flags.json
      ? `${JSON.stringify({ phases: runner.records, ...(summary ? reportDocument(summary) : {}) }, null, 2)}\n`
      : `${renderPhases(runner.records, ctx.color)}${summary ? `\n${renderHuman(summary, ctx.color)}` : ''}`,
  );
  if (junit && summary) await writeFile(junit, renderJunit(summary));
  if (ctx.signal.aborted) ctx.exitCode = interruptedCode(ctx.signal);
  // The phase table says where it broke; main prints the error itself and its exit code.
  else if (failure !== undefined) throw failure;
  else
    ctx.exitCode = summary
      ? exitCodeFor(summary, toleratedBy(context.up?.state.unavailable ?? {}))
      : ExitCode.upstream;
}
