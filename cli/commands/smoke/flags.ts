import type { Command } from 'commander';
import type { StackFlags } from '../../stack/config.js';
import type { GrafanaFlags } from '../../stack/grafana-target.js';
import { grafanaOptions } from '../flags/grafana.js';
import { exitCodeLines as codes, helpFooter } from '../flags/help.js';
import { stackOptions } from '../flags/stack.js';
import { nonEmptyPath, seconds } from '../flags/values.js';

export interface SmokeFlags extends StackFlags, GrafanaFlags {
  install: boolean;
  keep?: boolean;
  json?: boolean;
  junit?: string;
  mode: string;
  timeScale: string;
  seed?: string;
  wait: number;
  timeout: number;
}

/** `workshop smoke`'s flags, help and exit codes. */
export function smokeFlags(cmd: Command): Command {
  return grafanaOptions(stackOptions(cmd))
    .option('--keep', 'leave the stack running afterwards')
    .option('--no-install', 'never install Prometheus from Debian packages (native backend)')
    .option('--mode <mode>', 'traffic mode to generate', 'quick')
    .option('--time-scale <f>', 'traffic time scale (0.001 ≤ f ≤ 1)', '0.1')
    .option('--seed <n>', 'traffic seed, for a reproducible run')
    .option(
      '--wait <seconds>',
      'how long checks that are "not yet" ready are retried',
      seconds({ min: 0, max: 3600, allowZero: true }),
      60,
    )
    .option(
      '--timeout <seconds>',
      'how long to wait for the stack to be ready',
      seconds({ min: 1, max: 3600 }),
      120,
    )
    .option('--json', 'print only a JSON document on stdout')
    .option('--junit <file>', 'also write a JUnit XML report', nonEmptyPath)
    .addHelpText(
      'after',
      helpFooter(
        [
          'workshop smoke',
          'workshop smoke --backend native --junit smoke.xml',
          'workshop smoke --grafana-url http://localhost:3000 --keep',
        ],
        [
          '0    every phase ran and every check this backend can run passed',
          codes.failed,
          codes.usage,
          codes.upstream,
          '4    nothing failed, but a check could not be checked for another reason than a service the backend does not run',
          codes.interrupted,
        ],
      ),
    );
}
