import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ExitCode } from '../errors.js';
import { openSession } from '../session.js';
import { chooseBackend } from '../stack/backend.js';
import type { StackFlags } from '../stack/config.js';
import { nativeUnavailableHere } from '../stack/native.js';
import { ownGrafanaNote, withoutOwnGrafana } from '../stack/own-grafana.js';
import { collectStatus } from '../stack/status.js';
import { renderStatus } from '../stack/status-render.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';
import { stackOptions } from './flags/stack.js';

interface StatusFlags extends StackFlags {
  json?: boolean;
}

export function register(cmd: Command, ctx: Context): void {
  stackOptions(cmd)
    .option('--json', 'print only a JSON document on stdout')
    .addHelpText(
      'after',
      helpFooter(
        ['workshop status', 'workshop status --json'],
        [codes.ok, codes.usage, '3    something the backend runs is down'],
      ),
    )
    .action((flags: StatusFlags) => status(ctx, flags));
}

async function status(ctx: Context, flags: StatusFlags): Promise<void> {
  const session = await openSession(ctx, flags);
  const { config, state } = session;
  // What `up` recorded wins unless --backend says otherwise; without a record, the backend auto picks.
  const backend =
    flags.backend === 'compose' || flags.backend === 'native'
      ? flags.backend
      : (state?.backend ?? (await chooseBackend(config, ctx.exec)).backend);
  const unavailable =
    state?.backend === backend
      ? state.unavailable
      : backend === 'native'
        ? await nativeUnavailableHere(ctx.env)
        : {};
  const own = await withoutOwnGrafana(ctx.http, state, config.urls.grafana, unavailable);
  const result = await collectStatus(ctx.http, config.urls, backend, own.unavailable, state !== undefined);
  if (own.own)
    for (const s of result.services) if (s.name === 'grafana' && s.state === 'up') s.detail = ownGrafanaNote;
  ctx.stdout.write(
    flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderStatus(result, ctx.color, config.stateDir),
  );
  ctx.exitCode = result.healthy ? ExitCode.ok : ExitCode.upstream;
}
