import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { exercises } from '../../exercises/registry.js';
import { loadAnswers } from '../checks/answers.js';
import { exitCodeFor } from '../checks/results.js';
import { checkFilter, selectExercises } from '../checks/select.js';
import type { Context } from '../context.js';
import { ensureWritableFile } from '../fs-safe.js';
import { checkPhase } from '../phases/check.js';
import { renderHuman } from '../reporters/human.js';
import { renderJson } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';
import { openSession } from '../session.js';
import type { StackFlags } from '../stack/config.js';
import { createSpinner } from '../ui/spinner.js';
import {
  exitCodeLines as codes,
  type GrafanaFlags,
  grafanaOptions,
  helpFooter,
  httpUrl,
  nonEmptyPath,
  seconds,
  sinceTime,
  stackOptions,
} from './options.js';

interface CheckFlags extends StackFlags, GrafanaFlags {
  answers?: string;
  since?: number;
  wait: number;
  json?: boolean;
  junit?: string;
  run?: string;
  gradingUrl?: string;
}

export function register(cmd: Command, ctx: Context): void {
  grafanaOptions(stackOptions(cmd))
    .argument('[exercises...]', 'exercise ids, e.g. exercise-1')
    .option(
      '--answers <file>',
      'grade the queries in a file (JSON or YAML, check id → PromQL) instead of the ones you ran',
      nonEmptyPath,
    )
    .option(
      '--since <time>',
      'count only the queries you ran since then: 30m, 2h, or an ISO time',
      sinceTime(ctx.now),
    )
    .option(
      '--wait <seconds>',
      'how long checks that are "not yet" ready are retried (0: no retry)',
      seconds({ min: 0, max: 3600, allowZero: true }),
      60,
    )
    .option('--run <regex>', 'only the checks whose id matches')
    .option('--json', 'print only a JSON document on stdout')
    .option('--junit <file>', 'also write a JUnit XML report', nonEmptyPath)
    .addOption(
      new Option(
        '--grading-url <url>',
        'the grading Prometheus that decides whether queries are right (default: the one `workshop up` started)',
      )
        .argParser(httpUrl)
        .hideHelp(),
    )
    .addHelpText(
      'after',
      helpFooter(
        [
          'workshop check                      # do the exercise in the Prometheus UI first',
          'workshop check exercise-1 --since 30m',
          'workshop check exercise-1 --run exercise-1/C',
          'workshop check exercise-1 --answers my-answers.yaml',
          'workshop check exercise-2 --grafana-url http://localhost:3000 --junit report.xml',
        ],
        [codes.ok, codes.failed, codes.usage, codes.upstream, codes.unchecked, codes.interrupted],
      ),
    )
    .action((ids: string[], flags: CheckFlags) => check(ctx, ids, flags));
}

async function check(ctx: Context, ids: string[], flags: CheckFlags): Promise<void> {
  // Everything the user typed is checked before anything is asked of Prometheus or Grafana.
  const all = exercises();
  const chosen = selectExercises(
    all.map((e) => e.definition.id),
    ids,
  );
  const checkIds = all
    .filter((e) => chosen.includes(e.definition.id))
    .flatMap((e) => e.definition.checks.map((c) => c.id));
  const only = checkFilter(flags.run, checkIds);
  const junit = flags.junit ? path.resolve(ctx.cwd, flags.junit) : undefined;
  if (junit) await ensureWritableFile(junit, '--junit');
  const idsOf = (runner: string) =>
    all.filter((e) => e.runner === runner).flatMap((e) => e.definition.checks.map((c) => c.id));
  const answers = flags.answers
    ? await loadAnswers(path.resolve(ctx.cwd, flags.answers), idsOf('promql'), idsOf('grafana'))
    : undefined;
  const session = await openSession(ctx, flags);
  if (flags.gradingUrl) session.gradingUrl = flags.gradingUrl;
  const summary = await checkPhase(session, {
    exercises: chosen,
    ...(only ? { only } : {}),
    ...(answers ? { answers } : {}),
    waitMs: flags.wait * 1000,
    learnerWork: true,
    ...(flags.since !== undefined ? { sinceMs: flags.since } : {}),
    progress: createSpinner({
      stream: ctx.stderr,
      interactive: ctx.interactive,
      quiet: Boolean(flags.json),
    }),
  });
  ctx.stdout.write(flags.json ? renderJson(summary) : renderHuman(summary, ctx.color));
  if (junit) await writeFile(junit, renderJunit(summary));
  ctx.exitCode = exitCodeFor(summary);
}
