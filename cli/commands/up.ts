import type { Command } from 'commander';
import type { Context } from '../context.js';
import { upPhase } from '../phases/up.js';
import { parseLearner } from '../progress-exporter/learner-name.js';
import { parseReportTo } from '../progress-exporter/reporting.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { withoutOwnGrafana } from '../stack/own-grafana.js';
import { renderUp } from '../stack/up-render.js';
import { spinnerFor } from '../ui/spinner.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';
import { seconds } from './flags/values.js';

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
  const r = await upPhase(session, {
    reporting: {
      ...(flags.learner !== undefined ? { learner: flags.learner } : {}),
      ...(flags.reportTo !== undefined ? { reportTo: flags.reportTo } : {}),
    },
    allowInstall: flags.install,
    timeoutMs: flags.timeout * 1000,
    spinner: spinnerFor(ctx, Boolean(flags.json)),
  });
  const own = await withoutOwnGrafana(ctx.http, r.state, session.config.urls.grafana, r.state.unavailable);
  ctx.stdout.write(renderUp(r, own, Boolean(flags.json)));
}
