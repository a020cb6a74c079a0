import { type Command, InvalidArgumentError, Option } from 'commander';
import { boardHandler } from '../class/board-server.js';
import { parseShard } from '../class/class-config.js';
import { initClass, readClassFile } from '../class/class-dir.js';
import { provisionClassGrafana } from '../class/class-grafana.js';
import { classDown, classPrometheusPort, classPrometheusUrl, classUp } from '../class/class-stack.js';
import { buildGrid, type ClassGrid } from '../class/grid.js';
import { classChecks, readClass } from '../class/read-class.js';
import { readRoster } from '../class/roster.js';
import { renderClassStatus } from '../class/status-render.js';
import type { Context } from '../context.js';
import { GrafanaClient } from '../grafana/client.js';
import { serveUntilStopped } from '../http/serve.js';
import { resolveStackConfig } from '../stack/config.js';
import {
  exitCodeLines as codes,
  type GrafanaFlags,
  grafanaCredentials,
  helpFooter,
  listenAddress,
  nonEmptyPath,
  port,
  seconds,
} from './options.js';

interface DirFlags {
  dir: string;
}

const shard = (value: string) => {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

const dirOption = () =>
  new Option('--dir <folder>', 'the class folder (`class init` writes it)')
    .default('class')
    .env('WORKSHOP_CLASS_DIR')
    .argParser(nonEmptyPath);

/** Each class subcommand's --help ends, as every command's, with its examples and exit codes. */
const classCodes = {
  usage:
    '2    bad usage: an unreadable roster, duplicate names, a bad URL, --shard, --host or port; no class in --dir',
  upstream:
    '3    the class Prometheus (or Docker, or your Grafana) could not do its part, or a port is taken',
};

export function register(cmd: Command, ctx: Context): void {
  cmd.addHelpText(
    'after',
    helpFooter(
      [
        'workshop class init --roster roster.yaml',
        'workshop class up',
        'workshop class status',
        'workshop class board --host 0.0.0.0',
      ],
      [
        '0    done (status: the grid was read; unreachable, garbage or slow learners are marked in it)',
        classCodes.usage,
        classCodes.upstream,
        codes.interrupted,
      ],
    ),
  );
  cmd
    .command('init')
    .description(
      "write the instructor's Prometheus config and the learner list from a roster (again after editing it: no restart)",
    )
    .requiredOption(
      '--roster <file>',
      'YAML: learners, each a name and, to federate, their Prometheus URL',
      nonEmptyPath,
    )
    .addOption(dirOption())
    .option(
      '--shard <i/n>',
      'keep only the learners that hash to shard i of n (several instructor servers)',
      shard,
    )
    .addHelpText(
      'after',
      helpFooter(
        ['workshop class init --roster roster.yaml', 'workshop class init --roster school.yaml --shard 0/3'],
        [codes.ok, classCodes.usage],
      ),
    )
    .action(async (flags: DirFlags & { roster: string; shard?: { index: number; count: number } }) => {
      const roster = await readRoster(flags.roster);
      const r = await initClass(flags.dir, roster, flags.shard);
      ctx.stdout.write(
        `class in ${flags.dir}: ${r.federated} learners federated, ${r.pushing} pushing (workshop up --report-to)${flags.shard ? `, shard ${flags.shard.index}/${flags.shard.count}` : ''}\n`,
      );
    });
  cmd
    .command('up')
    .description("run the instructor's Prometheus (federation and the remote-write receiver)")
    .addOption(dirOption())
    .addOption(
      new Option(
        '--backend <name>',
        'native: a Prometheus process; compose: Prometheus and Grafana with the class dashboard',
      )
        .choices(['auto', 'native', 'compose'])
        .default('native'),
    )
    .option(
      '--host <address>',
      'address to listen on (0.0.0.0 for learners who push)',
      listenAddress,
      '127.0.0.1',
    )
    .addOption(new Option('--port <port>', 'port').default(classPrometheusPort).argParser(port))
    .option('--timeout <seconds>', 'how long to wait for readiness', seconds({ min: 1, max: 600 }), 60)
    .option('--grafana-url <url>', 'your Grafana: the class data source and dashboard are put into it')
    .option('--grafana-user <user>', 'its user (env WORKSHOP_GRAFANA_USER, default admin)')
    .option('--grafana-password <password>', 'its password (env WORKSHOP_GRAFANA_PASSWORD, default foobar)')
    .addHelpText(
      'after',
      helpFooter(
        [
          'workshop class up',
          'workshop class up --host 0.0.0.0',
          'workshop class up --backend compose',
          'workshop class up --grafana-url http://localhost:3000',
        ],
        [codes.ok, classCodes.usage, classCodes.upstream, codes.interrupted],
      ),
    )
    .action(
      async (
        flags: DirFlags & {
          backend: 'auto' | 'native' | 'compose';
          host: string;
          port: number;
          timeout: number;
          grafanaUrl?: string;
        } & GrafanaFlags,
        command: Command,
      ) => {
        const cls = await readClassFile(flags.dir);
        // Parsed as the stack commands do (credentials in it allowed, never printed): exit 2 before starting.
        const grafana =
          flags.grafanaUrl !== undefined
            ? resolveStackConfig({ grafanaUrl: flags.grafanaUrl }, {}, ctx.cwd)
            : undefined;
        const r = await classUp(ctx, {
          backend: flags.backend,
          dir: flags.dir,
          cls,
          host: flags.host,
          port: flags.port,
          timeoutMs: flags.timeout * 1000,
        });
        // --host / --port given for a class that already runs elsewhere: said, not silently ignored.
        const running = new URL(r.url);
        const differs = { host: running.hostname.replace(/^\[|\]$/g, ''), port: running.port };
        const asked = (['host', 'port'] as const).filter(
          (o) => command.getOptionValueSource(o) !== 'default' && String(flags[o]) !== differs[o],
        );
        const moved = asked.length
          ? ` ${asked.map((o) => `--${o}`).join(' and ')} ${asked.length > 1 ? 'apply' : 'applies'} when it starts: \`workshop class down --dir ${flags.dir}\` first to move it.`
          : '';
        ctx.stdout.write(
          r.alreadyUp
            ? `The class Prometheus is already up at ${r.url}.${moved}\n`
            : `The class Prometheus is up at ${r.url} (${r.backend}). Learners who push: workshop up --report-to ${r.url}\n`,
        );
        if (r.grafana)
          ctx.stdout.write(`The class dashboard: ${r.grafana}/d/workshop-class (admin / foobar)\n`);
        if (grafana) {
          const client = new GrafanaClient(
            grafana.urls.grafana,
            grafanaCredentials(flags, ctx.env, grafana),
            {
              http: ctx.http,
              timeoutMs: 10_000,
              signal: ctx.signal,
            },
          );
          for (const line of await provisionClassGrafana(client, r.url)) ctx.stdout.write(`  ${line}\n`);
        }
      },
    );
  cmd
    .command('down')
    .description("stop the instructor's Prometheus (its data stays in the class folder)")
    .addOption(dirOption())
    .addHelpText(
      'after',
      helpFooter(
        ['workshop class down', 'workshop class down --dir class'],
        [codes.ok, classCodes.usage, classCodes.upstream],
      ),
    )
    .action(async (flags: DirFlags) => {
      const stopped = await classDown(ctx, flags.dir);
      ctx.stdout.write(
        stopped.length ? 'class Prometheus stopped.\n' : 'class Prometheus was not running.\n',
      );
    });
  cmd
    .command('status')
    .description('the grid learner × check, scores, last seen and who is stuck, from the class Prometheus')
    .addOption(dirOption())
    .option('--prometheus-url <url>', 'the class Prometheus (default: what `class up` recorded)')
    .option('--json', 'print only a JSON document on stdout')
    .addHelpText(
      'after',
      helpFooter(
        ['workshop class status', 'workshop class status --json'],
        [
          '0    the grid was read (unreachable, garbage or slow learners are marked in it)',
          classCodes.usage,
          '3    the class Prometheus does not answer',
        ],
      ),
    )
    .action(async (flags: DirFlags & { prometheusUrl?: string; json?: boolean }) => {
      const { roster } = await readClassFile(flags.dir);
      const grid = await readClass({
        prometheusUrl: await classPrometheusUrl(flags.dir, flags.prometheusUrl),
        http: ctx.http,
        roster,
        nowMs: ctx.now(),
        signal: ctx.signal,
      });
      ctx.stdout.write(
        flags.json ? `${JSON.stringify(grid, null, 2)}\n` : renderClassStatus(grid, ctx.color),
      );
    });
  cmd
    .command('board')
    .description('a live web page of the class (loopback unless --host), updated every second')
    .addOption(dirOption())
    .option('--prometheus-url <url>', 'the class Prometheus (default: what `class up` recorded)')
    .option(
      '--host <address>',
      'address to serve on (0.0.0.0 to show it to the room)',
      listenAddress,
      '127.0.0.1',
    )
    .addOption(new Option('--port <port>', 'port').default(9096).argParser(port))
    .addHelpText(
      'after',
      helpFooter(
        ['workshop class board', 'workshop class board --host 0.0.0.0 --port 8080'],
        [
          '0    stopped with Ctrl-C (130) or SIGTERM (143) after serving',
          classCodes.usage,
          classCodes.upstream,
        ],
      ),
    )
    .action(async (flags: DirFlags & { prometheusUrl?: string; host: string; port: number }) => {
      const { roster } = await readClassFile(flags.dir);
      const prometheusUrl = await classPrometheusUrl(flags.dir, flags.prometheusUrl);
      const empty = (): ClassGrid =>
        buildGrid({ samples: [], targets: [], roster, checks: classChecks(), nowMs: ctx.now() });
      const handler = boardHandler({
        title: roster.class ? `${roster.class}: workshop progress` : 'Workshop progress',
        read: () => readClass({ prometheusUrl, http: ctx.http, roster, nowMs: ctx.now(), timeoutMs: 3_000 }),
        empty,
        ttlMs: 1_000,
        now: ctx.now,
      });
      await serveUntilStopped(
        ctx,
        handler,
        { host: flags.host, port: flags.port, busyHint: 'choose another --port' },
        (url) => ctx.stdout.write(`class board on ${url} (reading ${prometheusUrl}); Ctrl-C stops\n`),
      );
    });
}
