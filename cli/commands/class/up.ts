import { type Command, Option } from 'commander';
import { readClassFile } from '../../class/class-dir.js';
import { provisionClassGrafana } from '../../class/class-grafana.js';
import { classPrometheusPort, classUp } from '../../class/class-stack.js';
import { flagsNotApplied, givenAddress } from '../../class/flags-not-applied.js';
import type { Context } from '../../context.js';
import { GrafanaClient } from '../../grafana/client.js';
import { resolveStackConfig } from '../../stack/config.js';
import { type GrafanaFlags, grafanaCredentials } from '../../stack/grafana-target.js';
import { exitCodeLines as codes, helpFooter } from '../flags/help.js';
import { listenAddress, port, seconds } from '../flags/values.js';
import { classCodes, type DirFlags, dirOption } from './flags.js';

/** `workshop class up`: the instructor's Prometheus (and, with --grafana-url, the class dashboard in your Grafana). */
export function register(cmd: Command, ctx: Context): void {
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
    .action((flags: ClassUpFlags, command: Command) => classUpPage(ctx, flags, command));
}

interface ClassUpFlags extends DirFlags, GrafanaFlags {
  backend: 'auto' | 'native' | 'compose';
  host: string;
  port: number;
  timeout: number;
  grafanaUrl?: string;
}

async function classUpPage(ctx: Context, flags: ClassUpFlags, command: Command): Promise<void> {
  const { backend, dir, host, port, grafanaUrl } = flags;
  const cls = await readClassFile(dir);
  // Parsed as the stack commands do (credentials in it allowed, never printed): exit 2 before starting.
  const grafana = grafanaUrl !== undefined ? resolveStackConfig({ grafanaUrl }, {}, ctx.cwd) : undefined;
  const r = await classUp(ctx, { backend, dir, cls, host, port, timeoutMs: flags.timeout * 1000 });
  ctx.stdout.write(
    r.alreadyUp
      ? `The class Prometheus is already up at ${r.url}.${flagsNotApplied(r.url, givenAddress(command, flags), dir)}\n`
      : `The class Prometheus is up at ${r.url} (${r.backend}). Learners who push: workshop up --report-to ${r.url}\n`,
  );
  if (r.grafana) ctx.stdout.write(`The class dashboard: ${r.grafana}/d/workshop-class (admin / foobar)\n`);
  if (!grafana) return;
  const { http, signal } = ctx;
  const login = grafanaCredentials(flags, ctx.env, grafana);
  const client = new GrafanaClient(grafana.urls.grafana, login, { http, signal, timeoutMs: 10_000 });
  for (const line of await provisionClassGrafana(client, r.url)) ctx.stdout.write(`  ${line}\n`);
}
