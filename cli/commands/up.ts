import type { Command } from 'commander';
import type { Context } from '../context.js';
import { upPhase } from '../phases/up.js';
import { parseLearner } from '../progress-exporter/learner-name.js';
import { parseReportTo } from '../progress-exporter/reporting.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { ownGrafanaNote, withoutOwnGrafana } from '../stack/own-grafana.js';
import { createSpinner } from '../ui/spinner.js';
import { exitCodeLines as codes, helpFooter, seconds, stackOptions } from './options.js';

interface UpFlags extends StackFlags {
  learner?: string;
  reportTo?: string | false;
  install: boolean;
  timeout: number;
  json?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  stackOptions(cmd)
    .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
    .option('--timeout <seconds>', 'how long to wait for readiness', seconds({ min: 1, max: 3600 }), 120)
    .option('--learner <name>', 'your name as your class sees it (kept for later runs; default user@host)')
    .option(
      '--report-to <url>',
      "push your progress (only the workshop_* series) to the instructor's Prometheus (kept for later runs)",
    )
    .option('--no-report-to', 'stop pushing your progress')
    .option('--json', 'print only a JSON document on stdout')
    .addHelpText(
      'after',
      helpFooter(
        [
          'workshop up',
          'workshop up --backend native --timeout 60',
          'workshop up --learner "Ada Lovelace" --report-to http://10.0.0.5:9095',
        ],
        [codes.ok, codes.usage, codes.upstream, codes.interrupted],
      ),
    )
    .action((flags: UpFlags) => up(ctx, flags));
}

async function up(ctx: Context, flags: UpFlags): Promise<void> {
  // Bad names and URLs are usage errors before anything starts.
  if (flags.learner !== undefined) parseLearner(flags.learner);
  if (typeof flags.reportTo === 'string') parseReportTo(flags.reportTo);
  const session = await openSession(ctx, flags);
  const progress = createSpinner({
    stream: ctx.stderr,
    interactive: ctx.interactive,
    quiet: Boolean(flags.json),
  });
  const r = await upPhase(session, {
    reporting: {
      ...(flags.learner !== undefined ? { learner: flags.learner } : {}),
      ...(flags.reportTo !== undefined ? { reportTo: flags.reportTo } : {}),
    },
    allowInstall: flags.install,
    timeoutMs: flags.timeout * 1000,
    progress,
  });
  const own = await withoutOwnGrafana(ctx.http, r.state, session.config.urls.grafana, r.state.unavailable);
  const running = r.backend === 'native' ? Object.keys(r.state.processes) : Object.keys(r.state.urls);
  if (own.own) running.push('grafana');
  // The grading Prometheus listens on a port of its own choosing, kept apart from the services' URLs.
  const urlOf = (n: string) => r.state.urls[n] ?? (n === 'grading' ? r.state.grading?.url : undefined) ?? '';
  const urls = Object.fromEntries(running.map((n) => [n, urlOf(n)]));
  if (flags.json) {
    const doc = {
      backend: r.backend,
      reason: r.reason,
      alreadyUp: r.alreadyUp,
      ...(r.restarted ? { restarted: r.restarted } : {}),
      ...(r.recreated ? { recreated: r.recreated } : {}),
      ...(r.reloaded ? { reloaded: true } : {}),
      urls,
      learner: r.reporting.learner,
      ...(r.reporting.reportTo ? { reportTo: r.reporting.reportTo } : {}),
      unavailable: own.unavailable,
    };
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const out = (s: string) => ctx.stdout.write(`${s}\n`);
  out(
    r.alreadyUp
      ? r.reloaded
        ? `The ${r.backend} stack is already up: Prometheus reloaded its config to apply the learner name and --report-to; nothing was restarted.`
        : `The ${r.backend} stack is already up; nothing to do.`
      : r.restarted
        ? `The ${r.backend} stack is up again: restarted ${r.restarted.join(', ')}, which had stopped; the rest ran on.`
        : r.recreated
          ? `The ${r.backend} stack is up: recreated ${r.recreated.join(', ')} to apply the learner name and --report-to (their data is kept); the rest ran on.`
          : `The ${r.backend} stack is up (${r.reason}).`,
  );
  for (const [name, url] of Object.entries(urls))
    out(`  ${name.padEnd(14)} ${url}${own.own && name === 'grafana' ? ` (${ownGrafanaNote})` : ''}`);
  out(
    `  your progress  as "${r.reporting.learner}"${r.reporting.reportTo ? `, pushed to ${r.reporting.reportTo}` : ''} (${r.state.urls.progress ?? ''}/probe?module=exercise-1)`,
  );
  for (const [name, why] of Object.entries(own.unavailable))
    out(`  ${name.padEnd(14)} not available: ${why}`);
}
