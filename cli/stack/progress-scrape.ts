import { progressProbe } from './services.js';

/**
 * The learner's Prometheus scrapes the progress exporter once per exercise, in the multi-target
 * exporter pattern: the target is the module, the address is the exporter's.
 */
export function progressProbeJob(exporterAddress: string) {
  return {
    job_name: progressProbe.job,
    scrape_interval: `${progressProbe.scrapeIntervalSeconds}s`,
    scrape_timeout: `${progressProbe.scrapeIntervalSeconds}s`,
    metrics_path: progressProbe.path,
    static_configs: [{ targets: [...progressProbe.modules] }],
    relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_module' },
      { source_labels: ['__param_module'], target_label: 'instance' },
      { target_label: '__address__', replacement: exporterAddress },
    ],
  };
}

/** `--report-to`: the instructor's Prometheus base URL, or its write endpoint itself. */
export function remoteWriteUrl(reportTo: string): string {
  const u = new URL(reportTo);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/api/v1/write';
  return u.toString();
}

/** Who a stack's progress is of, and where it is pushed (`up --learner`, `--report-to`). */
export interface Reporting {
  learner: string;
  /** The instructor's Prometheus, never with credentials in it: those are in `reportAuth`. */
  reportTo?: string;
  /** The login from `--report-to http://user:password@…`: the password only in a file (mode 0600). */
  reportAuth?: { username: string; passwordFile: string };
}

/** A parsed Prometheus config with its remote_write replaced by the progress push (or none). */
export function withProgressRemoteWrite<T extends Record<string, unknown>>(
  config: T,
  reporting: Omit<Reporting, 'learner'>,
) {
  const { remote_write: _old, ...rest } = config;
  return reporting.reportTo ? { ...rest, remote_write: progressRemoteWrite(reporting) } : rest;
}

/** Only the progress series leave the learner's machine: never the webapp's or the node's. */
export function progressRemoteWrite({ reportTo, reportAuth }: Omit<Reporting, 'learner'>) {
  return [
    {
      url: remoteWriteUrl(reportTo as string),
      ...(reportAuth
        ? { basic_auth: { username: reportAuth.username, password_file: reportAuth.passwordFile } }
        : {}),
      write_relabel_configs: [{ source_labels: ['__name__'], regex: 'workshop_.*', action: 'keep' }],
    },
  ];
}
