import path from 'node:path';
import { parse, stringify } from 'yaml';
import { webappNodeFlags } from '../../webapp/src/node-flags.js';
import type { StackUrls } from './config.js';
import type { ProcessSpec } from './processes.js';
import {
  progressProbeJob,
  progressRemoteWrite,
  type Reporting,
  withProgressRemoteWrite,
} from './progress-scrape.js';
import {
  progressProbe,
  type ServiceName,
  scrapeIntervalSeconds,
  services,
  statsdUdpPort,
} from './services.js';

/**
 * How long Prometheus tries to send what it still holds for a remote_write it drops on reload.
 * It waits this twice (the samples, then the metadata), so a reload can take twice as long.
 */
export const remoteFlushDeadlineSeconds = 5;

export interface NativeBinaries {
  prometheus: string;
  nodeExporter: string;
  grafana: string | undefined;
  statsd: string | undefined;
}

export interface NativePlanInput {
  stateDir: string;
  urls: StackUrls;
  bins: NativeBinaries;
  nodeBin: string;
  webappEntry: string;
  /** The CLI's compiled entry: the progress exporter is `workshop exporter`. */
  cliEntry: string;
  statsdMapping: string;
  grafanaHome: string | undefined;
  /** From `prometheus --version`, e.g. "2.42.0"; undefined when it could not be told. */
  prometheusVersion: string | undefined;
}

export interface NativeService {
  name: ServiceName;
  port: number;
  spec: ProcessSpec;
  healthUrl: string;
}

export const loopback = '127.0.0.1';

export function portOf(url: string): number {
  const u = new URL(url);
  return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
}

/**
 * What the native backend starts, in start order (exporters and webapp before Prometheus, so its
 * first scrape finds them), all bound to loopback. Pure: the caller does the I/O.
 */
export function nativePlan(input: NativePlanInput): NativeService[] {
  const { stateDir, urls, bins } = input;
  const port = (name: ServiceName) => portOf(urls[name]);
  const listen = (name: ServiceName) => `${loopback}:${port(name)}`;
  const plan: NativeService[] = [];
  const add = (name: ServiceName, spec: ProcessSpec) =>
    plan.push({
      name,
      port: port(name),
      spec,
      healthUrl: `http://${listen(name)}${services[name].healthPath}`,
    });

  add('node-exporter', {
    command: bins.nodeExporter,
    args: [`--web.listen-address=${listen('node-exporter')}`],
  });
  if (bins.statsd) {
    add('statsd', {
      command: bins.statsd,
      args: [
        `--web.listen-address=${listen('statsd')}`,
        `--statsd.listen-udp=${loopback}:${statsdUdpPort}`,
        `--statsd.listen-tcp=${loopback}:${statsdUdpPort}`,
        `--statsd.mapping-config=${input.statsdMapping}`,
      ],
    });
  }
  add('webapp', {
    command: input.nodeBin,
    args: [...webappNodeFlags, input.webappEntry],
    env: {
      PORT: String(port('webapp')),
      HOST: loopback,
      ...(bins.statsd ? { STATSD_HOST: loopback, STATSD_PORT: String(statsdUdpPort) } : {}),
    },
  });
  add('progress', {
    command: input.nodeBin,
    args: [
      input.cliEntry,
      'exporter',
      `--state-dir=${stateDir}`,
      `--host=${loopback}`,
      `--port=${port('progress')}`,
    ],
    env: { NO_COLOR: '1' },
  });
  add('prometheus', {
    command: bins.prometheus,
    args: [
      `--config.file=${path.join(stateDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(stateDir, 'prometheus-data')}`,
      '--storage.tsdb.retention.time=200h',
      `--web.listen-address=${listen('prometheus')}`,
      '--web.enable-lifecycle',
      // Turning `--report-to` off while the instructor is unreachable: the reload waits this long
      // for the unsent samples (1 min by default), not longer than `up` waits for the reload.
      `--storage.remote.flush-deadline=${remoteFlushDeadlineSeconds}s`,
      // Hidden flag since Prometheus 2.41 (older ones refuse unknown flags): apply discovered
      // targets at once instead of on the next 5 s tick, so the first scrapes come sooner.
      ...(atLeast(input.prometheusVersion, [2, 41]) ? ['--scrape.discovery-reload-interval=200ms'] : []),
    ],
  });
  if (bins.grafana) add('grafana', grafanaSpec(bins.grafana, input.grafanaHome, stateDir, port('grafana')));
  return plan;
}

function grafanaSpec(bin: string, home: string | undefined, stateDir: string, port: number): ProcessSpec {
  const data = path.join(stateDir, 'grafana');
  const homepath = home ?? grafanaHomeFor(bin);
  // `grafana server` is the current CLI; `grafana-server` the older one.
  const args =
    path.basename(bin) === 'grafana' ? ['server', '--homepath', homepath] : ['--homepath', homepath];
  return {
    command: bin,
    args,
    env: {
      GF_SERVER_HTTP_ADDR: loopback,
      GF_SERVER_HTTP_PORT: String(port),
      // The workshop's credentials, as in the compose file.
      GF_SECURITY_ADMIN_USER: 'admin',
      GF_SECURITY_ADMIN_PASSWORD: 'foobar',
      GF_USERS_ALLOW_SIGN_UP: 'false',
      GF_PATHS_DATA: data,
      GF_PATHS_LOGS: path.join(data, 'logs'),
      GF_PATHS_PLUGINS: path.join(data, 'plugins'),
      GF_ANALYTICS_REPORTING_ENABLED: 'false',
      GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
    },
  };
}

/** A tarball keeps bin/ inside its home; Debian and RPM packages put the home in /usr/share/grafana. */
export function grafanaHomeFor(bin: string): string {
  const binDir = path.dirname(bin);
  return ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'].includes(binDir)
    ? '/usr/share/grafana'
    : path.dirname(binDir);
}

export interface PrometheusConfigOptions {
  /** Every query the learner runs in the Prometheus UI: what Exercise 1 is graded from. */
  queryLogFile: string;
  /** On every series that leaves this Prometheus (federation, remote_write): whose progress it is. */
  learner: string;
  /** The instructor's Prometheus, when progress is pushed there (remote_write). */
  reportTo?: string;
  reportAuth?: Reporting['reportAuth'];
}

/** The Prometheus config for the native stack: the compose stack's job names, loopback targets, the query log. */
export function nativePrometheusConfig(plan: NativeService[], opts: PrometheusConfigOptions): string {
  const scraped = plan.filter((s) => services[s.name].job);
  const exporter = plan.find((s) => s.name === 'progress');
  return stringify({
    global: {
      scrape_interval: '15s',
      evaluation_interval: '15s',
      external_labels: { monitor: 'prometheus-workshop', learner: opts.learner },
      query_log_file: opts.queryLogFile,
    },
    scrape_configs: [
      ...scraped.map((s) => ({
        job_name: services[s.name].job,
        scrape_interval: `${scrapeIntervalSeconds}s`,
        metrics_path: services[s.name].metricsPath,
        static_configs: [{ targets: [`${loopback}:${s.port}`] }],
      })),
      ...(exporter ? [progressProbeJob(`${loopback}:${exporter.port}`)] : []),
    ],
    ...(opts.reportTo ? { remote_write: progressRemoteWrite(opts) } : {}),
  });
}

/** A Prometheus config (YAML) with the learner label and remote_write of `reporting`, the rest kept. */
export function withReporting(configText: string, reporting: Reporting): string {
  const config = parse(configText) as Record<string, unknown> & {
    global?: { external_labels?: Record<string, string> };
  };
  const labelled = {
    ...config,
    global: {
      ...config.global,
      external_labels: { ...config.global?.external_labels, learner: reporting.learner },
    },
  };
  const text = stringify(withProgressRemoteWrite(labelled, reporting));
  return text === stringify(config) ? configText : text;
}

/** The targets a plan's Prometheus scrapes: one per scraped service, and one per exercise probed. */
export function targetCount(plan: NativeService[]): number {
  const scraped = plan.filter((s) => services[s.name].job).length;
  return scraped + (plan.some((s) => s.name === 'progress') ? progressProbe.modules.length : 0);
}

/** Whether a "major.minor.patch" version is at least [major, minor]. */
export function atLeast(version: string | undefined, [major, minor]: [number, number]): boolean {
  const m = version?.match(/^(\d+)\.(\d+)/);
  if (!m) return false;
  const [vMajor, vMinor] = [Number(m[1]), Number(m[2])];
  return vMajor > major || (vMajor === major && vMinor >= minor);
}

/** The version in `prometheus --version` output ("prometheus, version 2.42.0+ds (branch: …"). */
export function parseVersion(output: string): string | undefined {
  return output.match(/version (\d+\.\d+\.\d+)/)?.[1];
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
const displayNames: Partial<Record<ServiceName, string>> = {
  prometheus: 'Prometheus',
  webapp: 'the webapp',
  'node-exporter': 'node-exporter',
  grafana: 'Grafana',
  statsd: 'statsd_exporter',
};

/**
 * The native backend starts its services on this machine, bound to loopback: a URL elsewhere
 * would be recorded for a service it never started. Returns what is wrong, per service.
 */
export function nonLoopback(
  urls: StackUrls,
  started: ServiceName[],
): { service: ServiceName; message: string }[] {
  return started
    .filter((name) => !loopbackHosts.has(new URL(urls[name]).hostname))
    .map((service) => ({
      service,
      message: `the native backend runs ${displayNames[service] ?? service} on this machine, so its URL must be http://127.0.0.1:<port> or http://localhost:<port>, not ${urls[service]}`,
    }));
}
