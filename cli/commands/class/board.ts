import { type Command, Option } from 'commander';
import { boardHandler } from '../../class/board-server.js';
import { readClassFile } from '../../class/class-dir.js';
import { classPrometheusUrl } from '../../class/class-stack.js';
import { buildGrid, type ClassGrid } from '../../class/grid.js';
import { classChecks, readClass } from '../../class/read-class.js';
import type { Context } from '../../context.js';
import { serveUntilStopped } from '../../http/serve.js';
import { helpFooter } from '../flags/help.js';
import { listenAddress, port } from '../flags/values.js';
import { classCodes, type DirFlags, dirOption } from './flags.js';

/** `workshop class board`: the grid as a live web page. */
export function register(cmd: Command, ctx: Context): void {
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
