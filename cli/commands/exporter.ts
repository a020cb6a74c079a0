import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { exerciseById, exercises } from '../../exercises/registry.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { serveUntilStopped } from '../http/serve.js';
import { type LearnerGrader, learnerGrader } from '../learner/learner-grader.js';
import { progressExporter } from '../progress-exporter/exporter.js';
import { gradeProgress } from '../progress-exporter/grade-progress.js';
import { parseLearner, readLearner } from '../progress-exporter/learner-name.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { progressProbe, services } from '../stack/services.js';
import { version } from '../version.js';
import {
  exitCodeLines as codes,
  type GrafanaFlags,
  grafanaOptions,
  helpFooter,
  httpUrl,
  listenAddress,
  nonEmptyPath,
  port,
  stackOptions,
} from './options.js';

interface ExporterFlags extends StackFlags, GrafanaFlags {
  port: number;
  host: string;
  queryLog?: string;
  gradingUrl?: string;
  learner?: string;
}

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .addOption(
      new Option('--port <port>', 'port to serve on').default(services.progress.port).argParser(port),
    )
    .addOption(
      new Option('--host <address>', 'address to serve on').default('127.0.0.1').argParser(listenAddress),
    )
    .addOption(
      new Option(
        '--query-log <file>',
        "Prometheus's query log, read directly (inside the compose stack's progress container)",
      )
        .argParser(nonEmptyPath)
        .hideHelp(),
    )
    .addOption(
      new Option(
        '--grading-url <url>',
        "the grading Prometheus (inside the compose stack: the grading service's address)",
      )
        .argParser(httpUrl)
        .hideHelp(),
    )
    .addOption(
      new Option(
        '--learner <name>',
        'the learner name to report (default: as set by `workshop up`)',
      ).hideHelp(),
    )
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
  if (flags.queryLog && !existsSync(path.dirname(path.resolve(flags.queryLog))))
    throw new UsageError(`--query-log ${flags.queryLog}: its folder does not exist`);
  const first = await openSession(ctx, flags);
  const stateDir = first.config.stateDir;
  const fixed = flags.learner !== undefined ? parseLearner(flags.learner) : undefined;
  const learner = async () => fixed ?? (await readLearner(stateDir, ctx.env.WORKSHOP_LEARNER));
  let current: { key: string; grader: LearnerGrader } | undefined;
  // `up` may run again under a running exporter's feet: a new stack gets a new grader.
  const grader = async () => {
    const session = await openSession(ctx, flags);
    if (flags.queryLog)
      session.state = {
        backend: session.state?.backend ?? 'compose',
        startedAt: session.state?.startedAt ?? '',
        processes: session.state?.processes ?? {},
        unavailable: session.state?.unavailable ?? {},
        urls: session.config.urls,
        queryLog: { kind: 'file', path: flags.queryLog },
        ...(flags.gradingUrl ? { grading: { url: flags.gradingUrl } } : {}),
      };
    const key = session.state?.startedAt ?? '';
    if (current?.key !== key)
      current = {
        key,
        grader: learnerGrader(session),
      };
    return current.grader;
  };
  const handler = progressExporter({
    learner,
    version,
    modules: exercises().map((e) => e.definition.id),
    grade: async (id) => gradeProgress(await grader(), id, stateDir, ctx.now()),
    ttlMs: progressProbe.scrapeIntervalSeconds * 1000,
    // The grader of the last grading: a new stack is noticed by the grading itself.
    changed: async (id) =>
      exerciseById(id)?.runner === 'promql' && (await current?.grader.logChanged()) === true,
    now: ctx.now,
    log: (line) => ctx.stderr.write(`workshop exporter: ${line}\n`),
  });
  await serveUntilStopped(
    ctx,
    handler,
    {
      host: flags.host,
      port: flags.port,
      busyHint: 'another exporter may be running: `workshop down`, or choose another --port',
    },
    (url) => ctx.stdout.write(`progress exporter on ${url}\n`),
  );
}
