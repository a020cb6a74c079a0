import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { once } from '../memo.js';
import { downPhase } from '../phases/down.js';
import { renderPreflight } from '../reporters/preflight.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { type GrafanaFlags, grafanaToGrade } from '../stack/grafana-target.js';
import { hostReadiness, met } from '../stack/host-readiness.js';
import { type PreflightContext, preflightSteps } from '../steps/preflight.js';
import { preflightVerdict } from '../steps/preflight-verdict.js';
import { runSteps, StepRunner } from '../steps/runner.js';
import { preflightTeardown } from '../steps/teardown.js';
import { spinnerFor } from '../ui/spinner.js';
import { grafanaOptions } from './flags/grafana.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';

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

/** Is this machine ready? The host's requirements, then the stack's steps, each an item of the verdict. */
async function preflight(ctx: Context, flags: PreflightFlags): Promise<void> {
  const session = await openSession(ctx, flags);
  const spinner = spinnerFor(ctx, Boolean(flags.json));
  const host = await hostReadiness(session, spinner);
  const context: PreflightContext = {
    session,
    spinner,
    allowInstall: flags.install,
    timeoutMs: 120_000,
    selfTest: Boolean(flags.selfTest),
    grafana: once(() => grafanaToGrade(session, 'inspect')),
    stack: 'not-run',
  };
  const runner = new StepRunner(ctx, (name) => spinner.start(name));
  if (met(host.items)) await runSteps(preflightSteps, context, runner);
  if (preflightTeardown(context.stack, Boolean(flags.keep), host.running.length > 0))
    await downPhase(session, { volumes: false }).catch(() => undefined);
  spinner.stop();
  const { verdict, items } = preflightVerdict(host.items, runner.records);
  const { backend, reason } = host;
  ctx.stdout.write(
    flags.json
      ? `${JSON.stringify({ backend, reason, ready: verdict !== 'not ready', verdict, items }, null, 2)}\n`
      : renderPreflight(backend, reason, items, verdict, ctx.color),
  );
  ctx.exitCode = verdict === 'not ready' ? ExitCode.failed : ExitCode.ok;
}
