/**
 * The workshop stack's services: one table that the compose file, the native backend,
 * `status` and the tests all agree on. Names, ports and job names are the original workshop's.
 */
export const services = {
  webapp: {
    container: 'prometheus-webapp',
    port: 3001,
    healthPath: '/health',
    job: 'webapp-prometheus',
    metricsPath: '/metrics',
  },
  prometheus: {
    container: 'prometheus-server',
    port: 9090,
    healthPath: '/-/ready',
    job: 'prometheus',
    metricsPath: '/metrics',
  },
  grafana: {
    container: 'prometheus-grafana',
    port: 3000,
    healthPath: '/api/health',
    job: undefined,
    metricsPath: undefined,
  },
  'node-exporter': {
    container: 'prometheus-node-exporter',
    port: 9100,
    healthPath: '/metrics',
    job: 'node-exporter',
    metricsPath: '/metrics',
  },
  cadvisor: {
    container: 'prometheus-cadvisor',
    port: 8080,
    healthPath: '/healthz',
    job: 'cadvisor',
    metricsPath: '/metrics',
  },
  statsd: {
    container: 'prometheus-statsd',
    port: 9102,
    healthPath: '/metrics',
    job: 'statsd-exporter',
    metricsPath: '/metrics',
  },
} as const;

export type ServiceName = keyof typeof services;
export const serviceNames = Object.keys(services) as ServiceName[];

/** StatsD's UDP ingest port (the exporter serves its metrics on services.statsd.port). */
export const statsdUdpPort = 9125;

/** Every scrape job runs at this interval, in both backends. */
export const scrapeIntervalSeconds = 5;

/** The five Prometheus scrape jobs of the workshop, by job name. */
export const scrapeJobs = Object.entries(services).flatMap(([name, s]) =>
  s.job ? [{ service: name as ServiceName, job: s.job, port: s.port, metricsPath: s.metricsPath }] : [],
);
