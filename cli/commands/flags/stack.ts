import { type Command, Option } from 'commander';
import { backendNames } from '../../stack/config.js';

/** The flags every stack-facing command shares. */
export function stackOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--backend <name>', 'stack backend (env WORKSHOP_BACKEND)').choices(backendNames))
    .option(
      '--state-dir <dir>',
      'where the stack keeps PIDs, logs, ledgers and data (env WORKSHOP_STATE_DIR)',
    )
    .option('--app-url <url>', 'webapp URL (env WORKSHOP_APP_URL, default http://localhost:3001)')
    .option(
      '--prometheus-url <url>',
      'Prometheus URL (env WORKSHOP_PROMETHEUS_URL, default http://localhost:9090)',
    )
    .option('--grafana-url <url>', 'Grafana URL (env WORKSHOP_GRAFANA_URL, default http://localhost:3000)')
    .option(
      '--node-exporter-url <url>',
      'node-exporter URL (env WORKSHOP_NODE_EXPORTER_URL, default http://localhost:9100)',
    )
    .option(
      '--statsd-url <url>',
      'statsd-exporter URL (env WORKSHOP_STATSD_URL, default http://localhost:9102)',
    )
    .option('--cadvisor-url <url>', 'cAdvisor URL (env WORKSHOP_CADVISOR_URL, default http://localhost:8080)')
    .option(
      '--progress-url <url>',
      'progress exporter URL (env WORKSHOP_PROGRESS_URL, default http://localhost:9199)',
    );
}
