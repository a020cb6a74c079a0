import type { Command } from 'commander';

export type { GrafanaFlags } from '../../stack/grafana-target.js';

/** Grafana's login: never printed. */
export function grafanaOptions(cmd: Command): Command {
  return cmd
    .option('--grafana-user <user>', 'Grafana user (env WORKSHOP_GRAFANA_USER, default admin)')
    .option(
      '--grafana-password <password>',
      'Grafana password (env WORKSHOP_GRAFANA_PASSWORD, default foobar)',
    );
}
