import { type Command, Option } from 'commander';
import type { Context } from '../context.js';
import { serveUntilStopped } from '../http/serve.js';
import { graderPerStack } from '../learner/grader-per-stack.js';
import { learnerGrader } from '../learner/learner-grader.js';
import { learnerExporter } from '../progress-exporter/learner-exporter.js';
import { type DirectSources, directSources, withDirectSources } from '../progress-exporter/stack-state.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { services } from '../stack/services.js';
import { type GrafanaFlags, grafanaOptions } from './flags/grafana.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';
import { httpUrl, listenAddress, nonEmptyPath, port } from './flags/values.js';

type ExporterFlags = StackFlags &
  GrafanaFlags & { port: number; host: string; learner?: string } & Partial<DirectSources>;

/** Flags for the exporter inside the compose stack's progress container only: not in --help. */
const hidden = (flags: string, description: string, parse = (value: string) => value) =>
  new Option(flags, description).argParser(parse).hideHelp();

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .addOption(
      new Option('--port <port>', 'port to serve on').default(services.progress.port).argParser(port),
    )
    .addOption(
      new Option('--host <address>', 'address to serve on').default('127.0.0.1').argParser(listenAddress),
    )
    .addOption(
      hidden(
        '--query-log <file>',
        "Prometheus's query log, read directly (inside the compose stack's progress container)",
        nonEmptyPath,
      ),
    )
    .addOption(
      hidden(
        '--grading-url <url>',
        "the grading Prometheus (inside the compose stack: the grading service's address)",
        httpUrl,
      ),
    )
    .addOption(hidden('--learner <name>', 'the learner name to report (default: as set by `workshop up`)'))
    .addHelpText(
      'after',
      helpFooter(
        ['workshop exporter', 'curl "http://127.0.0.1:9199/probe?module=exercise-1"'],
        [codes.usage, '3    the port is taken', codes.interrupted],
      ),
    )
    .action((flags: ExporterFlags) => exporter(ctx, flags));
}

/**
 * The progress exporter: the learner's verdicts as Prometheus metrics, graded on each scrape.
 * `workshop up` runs it; the learner's Prometheus scrapes it (job `workshop`).
 */
async function exporter(ctx: Context, flags: ExporterFlags): Promise<void> {
  const direct = directSources(flags);
  // Opened once now so every flag is checked before serving; each grading opens it again, to
  // notice a new `up` under the running exporter.
  const { stateDir } = (await openSession(ctx, flags)).config;
  const graders = graderPerStack(
    async () => withDirectSources(await openSession(ctx, flags), direct),
    (session) => learnerGrader(session),
  );
  const handler = learnerExporter({
    graders,
    stateDir,
    learner: flags.learner,
    ctx,
  });
  const busyHint = 'another exporter may be running: `workshop down`, or choose another --port';
  await serveUntilStopped(ctx, handler, { host: flags.host, port: flags.port, busyHint }, (url) =>
    ctx.stdout.write(`progress exporter on ${url}\n`),
  );
}
