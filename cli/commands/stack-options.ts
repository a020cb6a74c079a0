import { type Command, Option } from 'commander';
import type { Context } from '../context.js';
import { backendNames, resolveStackConfig, type StackConfig, type StackFlags } from '../stack/config.js';
import { readState } from '../stack/state.js';

/** The flags every stack-facing command shares. */
export function addStackOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--backend <name>', 'stack backend (env WORKSHOP_BACKEND)').choices(backendNames))
    .option(
      '--state-dir <dir>',
      'where the stack keeps PIDs, logs and data (env WORKSHOP_STATE_DIR)',
      undefined,
    )
    .option('--app-url <url>', 'webapp URL (env WORKSHOP_APP_URL, default http://localhost:3001)')
    .option(
      '--prometheus-url <url>',
      'Prometheus URL (env WORKSHOP_PROMETHEUS_URL, default http://localhost:9090)',
    )
    .option('--grafana-url <url>', 'Grafana URL (env WORKSHOP_GRAFANA_URL, default http://localhost:3000)')
    .addOption(
      new Option(
        '--node-exporter-url <url>',
        'node-exporter URL (env WORKSHOP_NODE_EXPORTER_URL)',
      ).hideHelp(),
    )
    .addOption(new Option('--statsd-url <url>', 'statsd-exporter URL (env WORKSHOP_STATSD_URL)').hideHelp())
    .addOption(new Option('--cadvisor-url <url>', 'cAdvisor URL (env WORKSHOP_CADVISOR_URL)').hideHelp());
}

/** Flags, then env, then what `workshop up` recorded, then the workshop's defaults. */
export async function stackConfigFrom(
  flags: StackFlags,
  ctx: Pick<Context, 'env' | 'cwd'>,
): Promise<StackConfig> {
  const first = resolveStackConfig(flags, ctx.env, ctx.cwd);
  const recorded = await readState(first.stateDir);
  return recorded ? resolveStackConfig(flags, ctx.env, ctx.cwd, recorded) : first;
}
