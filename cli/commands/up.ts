import type { Command } from 'commander';
import type { Context } from '../context.js';
import { upPhase } from '../phases/up.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { createProgress } from '../ui/progress.js';
import { exitCodeLines as codes, helpFooter, seconds, stackOptions } from './options.js';

interface UpFlags extends StackFlags {
  install: boolean;
  timeout: number;
  json?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  stackOptions(cmd)
    .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
    .option('--timeout <seconds>', 'how long to wait for readiness', seconds({ min: 1, max: 3600 }), 120)
    .option('--json', 'print only a JSON document on stdout')
    .addHelpText(
      'after',
      helpFooter(
        ['workshop up', 'workshop up --backend native --timeout 60'],
        [codes.ok, codes.usage, codes.upstream, codes.interrupted],
      ),
    )
    .action((flags: UpFlags) => up(ctx, flags));
}

async function up(ctx: Context, flags: UpFlags): Promise<void> {
  const session = await openSession(ctx, flags);
  const progress = createProgress({
    stream: ctx.stderr,
    interactive: ctx.interactive,
    quiet: Boolean(flags.json),
  });
  const r = await upPhase(session, {
    allowInstall: flags.install,
    timeoutMs: flags.timeout * 1000,
    progress,
  });
  const running = r.backend === 'native' ? Object.keys(r.state.processes) : Object.keys(r.state.urls);
  const urls = Object.fromEntries(running.map((n) => [n, r.state.urls[n] ?? '']));
  if (flags.json) {
    const doc = {
      backend: r.backend,
      reason: r.reason,
      alreadyUp: r.alreadyUp,
      urls,
      unavailable: r.state.unavailable,
    };
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const out = (s: string) => ctx.stdout.write(`${s}\n`);
  out(
    r.alreadyUp
      ? `The ${r.backend} stack is already up; nothing to do.`
      : `The ${r.backend} stack is up (${r.reason}).`,
  );
  for (const [name, url] of Object.entries(urls)) out(`  ${name.padEnd(14)} ${url}`);
  for (const [name, why] of Object.entries(r.state.unavailable))
    out(`  ${name.padEnd(14)} not available: ${why}`);
}
