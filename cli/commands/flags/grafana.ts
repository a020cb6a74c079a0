import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { GrafanaCredentials } from '../../grafana/client.js';
import type { StackConfig, StackFlags } from '../../stack/config.js';

export interface GrafanaFlags {
  grafanaUser?: string;
  grafanaPassword?: string;
}

/** Grafana's login: never printed. */
export function grafanaOptions(cmd: Command): Command {
  return cmd
    .option('--grafana-user <user>', 'Grafana user (env WORKSHOP_GRAFANA_USER, default admin)')
    .option(
      '--grafana-password <password>',
      'Grafana password (env WORKSHOP_GRAFANA_PASSWORD, default foobar)',
    );
}

/** Flag, then env, then credentials in the Grafana URL, then the workshop's admin / foobar. */
export function grafanaCredentials(
  flags: GrafanaFlags,
  env: NodeJS.ProcessEnv,
  config: StackConfig,
): GrafanaCredentials {
  return {
    user: flags.grafanaUser ?? env.WORKSHOP_GRAFANA_USER ?? config.grafanaLogin?.user ?? 'admin',
    password:
      flags.grafanaPassword ?? env.WORKSHOP_GRAFANA_PASSWORD ?? config.grafanaLogin?.password ?? 'foobar',
  };
}

/** Whether the user named a Grafana: then it is checked even where the backend has none. */
export function grafanaNamed(flags: StackFlags, ctx: Pick<Context, 'env'>): boolean {
  return flags.grafanaUrl !== undefined || Boolean(ctx.env.WORKSHOP_GRAFANA_URL);
}
