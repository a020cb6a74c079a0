import { Command } from 'commander';
import type { Context } from './context.js';
import { version } from './version.js';

/** A command module: adds its arguments, options, help and action to the command it is given. */
export interface CommandModule {
  register(cmd: Command, ctx: Context): void;
}

/**
 * The commands, each loaded only when it is run (or its help is asked for): `workshop --version`
 * and `workshop --help` import none of them.
 */
export const commands: Record<string, { summary: string; load(): Promise<CommandModule> }> = {
  up: {
    summary: 'bring the workshop stack up and wait until every service and Prometheus target is healthy',
    load: () => import('./commands/up.js'),
  },
  down: { summary: 'stop exactly what `workshop up` started', load: () => import('./commands/down.js') },
  status: {
    summary: "show each service's health and each Prometheus target; exits 3 when something is down",
    load: () => import('./commands/status.js'),
  },
  traffic: {
    summary: 'send the workshop traffic to the webapp and record what was sent in a ledger',
    load: () => import('./commands/traffic.js'),
  },
  ledger: {
    summary: 'show what the latest `workshop traffic` run sent (the record the checks compare with)',
    load: () => import('./commands/ledger.js'),
  },
  list: {
    summary: 'show the exercises, their parts and check ids, and what each check needs',
    load: () => import('./commands/list.js'),
  },
  check: {
    summary: 'grade what you did in Prometheus and Grafana, and whether your stack has the data',
    load: () => import('./commands/check.js'),
  },
  watch: {
    summary: 'a live checklist of your work: graded again as soon as you run a query or save in Grafana',
    load: () => import('./commands/watch.js'),
  },
  solve: {
    summary: "instructors: apply an exercise's reference solution through the Grafana API (idempotent)",
    load: () => import('./commands/solve.js'),
  },
  smoke: {
    summary: 'the whole workshop end to end: stack up, traffic, every check, stack down',
    load: () => import('./commands/smoke.js'),
  },
  exporter: {
    summary: 'serve your progress as Prometheus metrics (`workshop up` runs it; your Prometheus scrapes it)',
    load: () => import('./commands/exporter.js'),
  },
  class: {
    summary: "instructors: a whole class's progress, federated into your own Prometheus, with a live board",
    load: () => import('./commands/class.js'),
  },
  preflight: {
    summary: 'instructors: is this machine ready for the workshop? requirements, stack, traffic and checks',
    load: () => import('./commands/preflight.js'),
  },
};

/** The command a user's argv runs (`help <name>` included), if any. */
export function commandOf(argv: string[]): string | undefined {
  const [first, second] = argv.filter((a) => !a.startsWith('-'));
  return first === 'help' ? second : first;
}

/** A fresh commander program per call, with only the command that argv runs loaded. */
export async function createProgram(ctx: Context, argv: string[], table = commands): Promise<Command> {
  const program = new Command('workshop')
    .description('Run the Prometheus + Grafana Golden Signals workshop and verify every exercise.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  const wanted = commandOf(argv);
  for (const [name, entry] of Object.entries(table)) {
    const cmd = program.command(name).description(entry.summary);
    if (name === wanted) (await entry.load()).register(cmd, ctx);
  }
  return program;
}
