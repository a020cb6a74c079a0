import type { Command } from 'commander';
import type { Context } from '../context.js';
import { nodeExec } from '../exec.js';
import { upStack } from '../stack/backend.js';
import type { StackFlags } from '../stack/config.js';
import { createProgress } from '../ui/progress.js';
import { parseSeconds } from './parse.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';

interface UpFlags extends StackFlags {
  install: boolean;
  timeout: number;
  json?: boolean;
}

export function registerUp(program: Command, ctx: Context): void {
  addStackOptions(
    program
      .command('up')
      .description(
        'bring the workshop stack up and wait until every service and Prometheus target is healthy',
      )
      .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
      .option('--timeout <seconds>', 'how long to wait for readiness', parseSeconds, 120)
      .option('--json', 'print only a JSON document on stdout'),
  ).action((flags: UpFlags) => up(ctx, flags));
}

export async function up(ctx: Context, flags: UpFlags): Promise<void> {
  const config = await stackConfigFrom(flags, ctx);
  const progress = createProgress({ stream: ctx.stderr, isTTY: ctx.isTTY, quiet: Boolean(flags.json) });
  const outcome = await upStack({
    config,
    exec: nodeExec,
    allowInstall: flags.install,
    timeoutMs: flags.timeout * 1000,
    progress,
    ctx,
  });
  const running =
    outcome.backend === 'native' ? Object.keys(outcome.state.processes) : Object.keys(outcome.state.urls);
  if (flags.json) {
    ctx.stdout.write(
      `${JSON.stringify({ backend: outcome.backend, alreadyUp: outcome.alreadyUp, urls: pick(outcome.state.urls, running), unavailable: outcome.state.unavailable }, null, 2)}\n`,
    );
    return;
  }
  const out = (s: string) => ctx.stdout.write(`${s}\n`);
  out(
    outcome.alreadyUp
      ? `The ${outcome.backend} stack is already up; nothing to do.`
      : `The ${outcome.backend} stack is up.`,
  );
  for (const name of running) out(`  ${name.padEnd(14)} ${outcome.state.urls[name]}`);
  for (const [name, why] of Object.entries(outcome.state.unavailable))
    out(`  ${name.padEnd(14)} not available: ${why}`);
}

function pick(urls: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, urls[n] ?? '']));
}
