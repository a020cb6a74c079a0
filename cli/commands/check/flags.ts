import { type Command, Option } from 'commander';
import type { Context } from '../../context.js';
import type { StackFlags } from '../../stack/config.js';
import { type GrafanaFlags, grafanaOptions } from '../flags/grafana.js';
import { exitCodeLines as codes, helpFooter } from '../flags/help.js';
import { stackOptions } from '../flags/stack.js';
import { httpUrl, nonEmptyPath, seconds, sinceTime } from '../flags/values.js';

export interface CheckFlags extends StackFlags, GrafanaFlags {
  answers?: string;
  since?: number;
  wait: number;
  json?: boolean;
  junit?: string;
  run?: string;
  gradingUrl?: string;
}

/** `workshop check`'s arguments, flags and help. */
export function checkFlags(cmd: Command, ctx: Pick<Context, 'now'>): Command {
  return grafanaOptions(stackOptions(cmd))
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
    );
}
