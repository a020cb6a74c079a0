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
  /** `workshop exporter`: the learner's verdicts as metrics, for their Prometheus and the class. */
  progress: {
    container: 'prometheus-workshop-progress',
    port: 9199,
    healthPath: '/-/healthy',
    job: 'workshop-exporter',
    metricsPath: '/metrics',
  },
} as const;

export type ServiceName = keyof typeof services;
export const serviceNames = Object.keys(services) as ServiceName[];

/** StatsD's UDP ingest port (the exporter serves its metrics on services.statsd.port). */
export const statsdUdpPort = 9125;

/** Every scrape job runs at this interval, in both backends. */
export const scrapeIntervalSeconds = 5;

/**
 * The job that grades the learner (the multi-target exporter pattern): one target per exercise,
 * each scraped as `/probe?module=<exercise>` of the progress exporter. Every second, so a pass
 * reaches the class board within a few seconds; grading is cached for the same time.
 */
export const progressProbe = {
  job: 'workshop',
  modules: ['exercise-1', 'exercise-2'],
  path: '/probe',
  scrapeIntervalSeconds: 1,
} as const;

/** The Prometheus scrape jobs of the workshop of the workshop, by job name. */
export const scrapeJobs = Object.entries(services).flatMap(([name, s]) =>
  s.job ? [{ service: name as ServiceName, job: s.job, port: s.port, metricsPath: s.metricsPath }] : [],
);
