/**
 * Static checks of the Compose stack (docker-compose.yml, stack/prometheus/prometheus.yml,
 * stack/statsd/mapping.yml). No Docker engine is needed: the files are parsed, their shape is
 * validated with zod, and each check is a pure function returning the problems it finds, so a
 * test can run it on the real files and on a deliberately broken copy.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { durationSeconds as parseSeconds } from '../../cli/duration.js';
import { progressProbeJob } from '../../cli/stack/progress-scrape.js';
import {
  progressProbe,
  type ServiceName,
  scrapeIntervalSeconds,
  scrapeJobs,
  serviceNames,
  services,
  statsdUdpPort,
} from '../../cli/stack/services.js';

/** The parts of a Compose service the project's own checks read; the shape itself is the spec's (compose-spec.ts). */
export interface ComposeService {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  container_name?: string;
  command?: string | string[];
  environment?: string[] | Record<string, string | number | boolean | null>;
  ports?: (
    | string
    | number
    | { target: number; published?: string | number; protocol?: 'tcp' | 'udp'; host_ip?: string }
  )[];
  volumes?: (string | { type: string; source?: string; target: string; read_only?: boolean })[];
  depends_on?: string[] | Record<string, { condition?: string; restart?: boolean; required?: boolean }>;
  healthcheck?: {
    test: string | string[];
    interval?: string;
    timeout?: string;
    retries?: number;
    start_period?: string;
    start_interval?: string;
    disable?: boolean;
  };
  restart?: string;
  privileged?: boolean;
  devices?: string[];
}

export interface Compose {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, Record<string, unknown> | null>;
}

export const prometheusConfigSchema = z.object({
  global: z.object({
    scrape_interval: z.string(),
    evaluation_interval: z.string(),
    external_labels: z.record(z.string(), z.string()).optional(),
  }),
  scrape_configs: z.array(
    z.object({
      job_name: z.string(),
      scrape_interval: z.string().optional(),
      scrape_timeout: z.string().optional(),
      metrics_path: z.string().optional(),
      static_configs: z.array(z.object({ targets: z.array(z.string()) })),
      relabel_configs: z
        .array(
          z.object({
            source_labels: z.array(z.string()).optional(),
            target_label: z.string().optional(),
            replacement: z.string().optional(),
          }),
        )
        .optional(),
    }),
  ),
});

const statsdMappingSchema = z.object({
  mappings: z.array(
    z.object({
      match: z.string(),
      name: z.string(),
      match_type: z.enum(['glob', 'regex']).optional(),
      observer_type: z.string().optional(),
    }),
  ),
});

export type PrometheusConfig = z.infer<typeof prometheusConfigSchema>;

/** Parses YAML and validates its shape, failing with the file's name and zod's readable issues. */
export function parseYamlAs<T extends z.ZodType>(schema: T, text: string, file: string): z.infer<T> {
  const result = schema.safeParse(parse(text));
  if (!result.success)
    throw new Error(`${file} does not have the expected shape:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** What the checks look at: the parsed files, and a reader for files the compose file mounts. */
export interface StackDocs {
  compose: Compose;
  prometheus: PrometheusConfig;
  /** Reads a file by its path relative to the repository root; undefined when there is none. */
  read: (relativePath: string) => string | undefined;
}

export type StackCheck = (docs: StackDocs) => string[];

// ---- small parsers of Compose's notations ----

/** The tag of an image reference (`registry:5000/name:tag@digest`), if it has one. */
export function imageTag(ref: string): string | undefined {
  const noDigest = ref.split('@')[0] ?? ref;
  const colon = noDigest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry's port, not to a tag.
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(colon + 1) : undefined;
}

/** The image reference without tag or digest. */
export function imageRepository(ref: string): string {
  const tag = imageTag(ref);
  const noDigest = ref.split('@')[0] ?? ref;
  return tag === undefined ? noDigest : noDigest.slice(0, -(tag.length + 1));
}

/** A Compose duration (`5s`, `1m30s`, `500ms`: Go's format) in seconds; undefined if it is not one. */
export function durationSeconds(text: string): number | undefined {
  return parseSeconds(text, 'go');
}

/** A port entry as `published:target/protocol` (published empty when Docker picks it). */
export function normalizePort(entry: NonNullable<ComposeService['ports']>[number]): string {
  if (typeof entry === 'number') return `:${entry}/tcp`;
  if (typeof entry === 'object') return `${entry.published ?? ''}:${entry.target}/${entry.protocol ?? 'tcp'}`;
  const [spec = '', protocol = 'tcp'] = entry.split('/');
  const parts = spec.split(':');
  const target = parts.at(-1) ?? '';
  const published = parts.length > 1 ? (parts.at(-2) ?? '') : '';
  return `${published}:${target}/${protocol}`;
}

/** The TCP container ports a service publishes (what Prometheus can scrape over HTTP). */
function tcpContainerPorts(svc: ComposeService | undefined): number[] {
  return (svc?.ports ?? [])
    .map((p) => normalizePort(p).split(':')[1] ?? '')
    .filter((p) => p.endsWith('/tcp'))
    .map((p) => Number(p.slice(0, -'/tcp'.length)));
}

export interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

export function normalizeVolume(entry: NonNullable<ComposeService['volumes']>[number]): Mount {
  if (typeof entry === 'object') {
    return { source: entry.source ?? '', target: entry.target, readOnly: entry.read_only ?? false };
  }
  const [source = '', target = '', mode = ''] = entry.split(':');
  return { source, target, readOnly: mode.split(',').includes('ro') };
}

export function environmentOf(svc: ComposeService | undefined): Record<string, string> {
  const env = svc?.environment;
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    // `KEY=value`; a bare `KEY` passes the host's value through, unknown here.
    return Object.fromEntries(
      env.map((e) => (e.includes('=') ? [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] : [e, ''])),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function commandArgs(svc: ComposeService | undefined): string[] {
  const cmd = svc?.command;
  return cmd === undefined ? [] : Array.isArray(cmd) ? cmd : cmd.split(/\s+/);
}

/** Runs `check` on every service of the table, reporting the ones the compose file lacks. */
function eachService(
  compose: Compose,
  check: (name: ServiceName, svc: ComposeService) => string[],
): string[] {
  return serviceNames.flatMap((name) => {
    const svc = compose.services[name];
    return svc ? check(name, svc) : [`${name}: service missing`];
  });
}

// ---- the checks ----

export const checkServiceSet: StackCheck = ({ compose }) => {
  const actual = Object.keys(compose.services);
  // The grading Prometheus is private to workshop: no URL flag, not in the services table.
  const known: string[] = [...serviceNames, 'grading'];
  return [
    ...known.filter((n) => !actual.includes(n)).map((n) => `${n}: service missing`),
    ...actual.filter((n) => !known.includes(n)).map((n) => `${n}: unexpected service`),
  ];
};

// An explicit version: digits, optionally after a `v`, optionally with a suffix like `-ubuntu`.
const versionTag = /^v?\d+\.\d+(\.\d+)?([-+.][\w.-]+)?$/;

export const checkImages: StackCheck = ({ compose }) =>
  Object.entries(compose.services).flatMap(([name, svc]) => {
    if (svc.image === undefined) return svc.build ? [] : [`${name}: neither image nor build`];
    const tag = imageTag(svc.image);
    if (tag === undefined) return [`${name}: image ${svc.image} has no tag (it would pull :latest)`];
    if (!versionTag.test(tag)) return [`${name}: image ${svc.image} is not pinned to a version tag`];
    return [];
  });

export const checkCadvisorImage: StackCheck = ({ compose }) => {
  const image = compose.services.cadvisor?.image ?? '';
  const problems: string[] = [];
  // gcr.io/cadvisor/cadvisor stopped at v0.49.1, whose Docker API client current engines refuse.
  if (imageRepository(image) !== 'ghcr.io/google/cadvisor') {
    problems.push(`cadvisor: image ${image} is not from ghcr.io/google/cadvisor`);
  }
  // From 0.54.0 on, ghcr.io publishes the tags without the v of the GitHub release names.
  if (imageTag(image)?.startsWith('v'))
    problems.push(`cadvisor: ghcr.io tag ${image} must not start with "v"`);
  return problems;
};

/** What each image has to probe itself with (busybox wget in prom/* and cAdvisor, curl in Grafana). */
function probeToolsFor(svc: ComposeService): string[] {
  if (svc.build) return ['node'];
  const repo = imageRepository(svc.image ?? '');
  if (repo.startsWith('prom/') || repo === 'ghcr.io/google/cadvisor') return ['wget'];
  if (repo === 'grafana/grafana') return ['curl', 'wget'];
  return [];
}

export const checkHealthchecks: StackCheck = ({ compose }) =>
  eachService(compose, (name, svc) => {
    const hc = svc.healthcheck;
    if (!hc || hc.disable) return [`${name}: no healthcheck`];
    const problems: string[] = [];
    const interval = durationSeconds(hc.interval ?? '');
    if (interval === undefined || interval > 10)
      problems.push(`${name}: healthcheck interval must be set, ≤ 10s`);
    if (durationSeconds(hc.timeout ?? '') === undefined)
      problems.push(`${name}: healthcheck timeout missing`);
    if (hc.retries === undefined) problems.push(`${name}: healthcheck retries missing`);
    if (durationSeconds(hc.start_period ?? '') === undefined)
      problems.push(`${name}: healthcheck start_period missing`);
    const test = Array.isArray(hc.test) ? hc.test : ['CMD-SHELL', hc.test];
    const tool = test[0] === 'CMD' ? test[1] : test[1]?.split(/\s+/)[0];
    if (!probeToolsFor(svc).includes(tool ?? ''))
      problems.push(`${name}: healthcheck uses ${tool}, absent from its image`);
    const url = `http://127.0.0.1:${services[name].port}${services[name].healthPath}`;
    const probed: string[] = test.join(' ').match(/http:\/\/[^\s'"`)]+/g) ?? [];
    if (!probed.includes(url)) problems.push(`${name}: healthcheck does not probe ${url}`);
    return problems;
  });

export const checkPorts: StackCheck = ({ compose }) =>
  eachService(compose, (name, svc) => {
    const { port } = services[name];
    const expected = [`${port}:${port}/tcp`];
    if (name === 'statsd') expected.push(`${statsdUdpPort}:${statsdUdpPort}/udp`);
    const actual = (svc.ports ?? []).map(normalizePort);
    const same = actual.length === expected.length && expected.every((p) => actual.includes(p));
    return same ? [] : [`${name}: ports ${actual.join(', ') || 'none'}, expected ${expected.join(', ')}`];
  });

export const checkContainerNames: StackCheck = ({ compose }) =>
  eachService(compose, (name, svc) =>
    svc.container_name === services[name].container
      ? []
      : [`${name}: container_name ${svc.container_name}, expected ${services[name].container}`],
  );

/** The original workshop's start order. */
export const expectedDependencies: Partial<Record<ServiceName, ServiceName[]>> = {
  prometheus: ['statsd', 'node-exporter', 'cadvisor'],
  grafana: ['prometheus'],
  webapp: ['prometheus', 'statsd'],
  progress: ['prometheus'],
};

export const checkDependsOn: StackCheck = ({ compose }) => {
  const problems: string[] = [];
  const edges = new Map<string, string[]>();
  for (const [name, svc] of Object.entries(compose.services)) {
    const deps = svc.depends_on ?? {};
    if (Array.isArray(deps)) {
      problems.push(`${name}: depends_on must use the map form with condition: service_healthy`);
      edges.set(name, deps);
      continue;
    }
    edges.set(name, Object.keys(deps));
    for (const [dep, opts] of Object.entries(deps)) {
      if (!(dep in compose.services)) problems.push(`${name}: depends on unknown service ${dep}`);
      if (opts.condition !== 'service_healthy')
        problems.push(`${name}: depends on ${dep} without service_healthy`);
    }
    const expected = expectedDependencies[name as ServiceName] ?? [];
    const actual = Object.keys(deps);
    if (actual.length !== expected.length || !expected.every((d) => actual.includes(d))) {
      problems.push(`${name}: depends on [${actual.join(', ')}], expected [${expected.join(', ')}]`);
    }
  }
  const cycle = findCycle(edges);
  if (cycle) problems.push(`dependency cycle: ${cycle.join(' -> ')}`);
  return problems;
};

/** A cycle in a dependency graph, as the path that closes it; undefined when there is none. */
export function findCycle(edges: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const visit = (node: string, path: string[]): string[] | undefined => {
    if (path.includes(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return undefined;
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    done.add(node);
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

export const checkRestart: StackCheck = ({ compose }) =>
  compose.services.webapp?.restart === 'unless-stopped' ? [] : ['webapp: restart must be unless-stopped'];

export const checkGrafana: StackCheck = ({ compose }) => {
  const svc = compose.services.grafana;
  const env = environmentOf(svc);
  const problems: string[] = [];
  if (env.GF_SECURITY_ADMIN_PASSWORD !== 'foobar') problems.push('grafana: admin password must be foobar');
  if (env.GF_USERS_ALLOW_SIGN_UP !== 'false') problems.push('grafana: GF_USERS_ALLOW_SIGN_UP must be false');
  if (env.GF_INSTALL_PLUGINS?.includes('grafana-piechart-panel')) {
    problems.push('grafana: grafana-piechart-panel is an Angular plugin Grafana 11+ refuses');
  }
  // Exercise 2 creates the data source by hand: nothing may be provisioned.
  for (const { target } of (svc?.volumes ?? []).map(normalizeVolume)) {
    if (target.startsWith('/etc/grafana/provisioning') || target.startsWith('/var/lib/grafana/dashboards')) {
      problems.push(`grafana: provisioning mount ${target}`);
    }
  }
  return problems;
};

export const checkWebapp: StackCheck = ({ compose }) => {
  const svc = compose.services.webapp;
  const build = svc?.build;
  const env = environmentOf(svc);
  const problems: string[] = [];
  if (typeof build !== 'object' || build.context !== '.' || build.dockerfile !== 'webapp/Dockerfile') {
    problems.push('webapp: build must be {context: ., dockerfile: webapp/Dockerfile}');
  }
  // The webapp binds loopback unless told otherwise; Prometheus scrapes it from another container.
  if (env.HOST !== '0.0.0.0') problems.push('webapp: HOST must be 0.0.0.0');
  if (env.PORT !== String(services.webapp.port))
    problems.push(`webapp: PORT must be ${services.webapp.port}`);
  if (env.STATSD_HOST !== 'statsd') problems.push('webapp: STATSD_HOST must be statsd (the service name)');
  if (env.STATSD_PORT !== String(statsdUdpPort))
    problems.push(`webapp: STATSD_PORT must be ${statsdUdpPort}`);
  return problems;
};

/** The host file (relative to the repository) mounted at `target`, with the mount's problems. */
function mountedFile(svc: ComposeService | undefined, target: string, who: string) {
  const mount = (svc?.volumes ?? []).map(normalizeVolume).find((m) => m.target === target);
  if (!mount) return { problems: [`${who}: nothing is mounted at ${target}`] };
  const problems = mount.readOnly ? [] : [`${who}: ${target} must be mounted read-only`];
  if (!mount.source.startsWith('./'))
    problems.push(`${who}: ${target} must come from a file in the repository`);
  return { relativePath: mount.source.replace(/^\.\//, ''), problems };
}

/** The webapp's StatsD names, and the Prometheus names the mapping must give them. */
export const statsdNames: Record<string, string> = {
  'webapp.http_requests': 'webapp_statsd_http_requests_total',
  'webapp.http_request_duration': 'webapp_statsd_http_request_duration_seconds',
};

export const checkStatsdMapping: StackCheck = ({ compose, read }) => {
  const svc = compose.services.statsd;
  const flag = '--statsd.mapping-config=';
  const target = commandArgs(svc)
    .find((a) => a.startsWith(flag))
    ?.slice(flag.length);
  if (!target) return [`statsd: command lacks ${flag}`];
  const { relativePath, problems } = mountedFile(svc, target, 'statsd');
  if (relativePath === undefined) return problems;
  const text = read(relativePath);
  if (text === undefined) return [...problems, `statsd: mapping file ${relativePath} does not exist`];
  const { mappings } = parseYamlAs(statsdMappingSchema, text, relativePath);
  for (const [statsdName, promName] of Object.entries(statsdNames)) {
    const mapping = mappings.find((m) => m.match === statsdName && (m.match_type ?? 'glob') === 'glob');
    if (mapping?.name !== promName) problems.push(`statsd: ${statsdName} is not mapped to ${promName}`);
    if (mapping?.observer_type && !['histogram', 'summary'].includes(mapping.observer_type)) {
      problems.push(`statsd: ${statsdName} has observer_type ${mapping.observer_type}`);
    }
  }
  return problems;
};

export const checkPrometheusService: StackCheck = ({ compose }) => {
  const svc = compose.services.prometheus;
  const args = commandArgs(svc);
  const { relativePath, problems } = mountedFile(svc, '/etc/prometheus/prometheus.yml', 'prometheus');
  if (relativePath !== undefined && relativePath !== 'stack/prometheus/prometheus.yml') {
    problems.push(`prometheus: config comes from ${relativePath}, not stack/prometheus/prometheus.yml`);
  }
  const flags = [
    '--config.file=/etc/prometheus/prometheus.yml',
    '--storage.tsdb.path=/prometheus',
    '--storage.tsdb.retention.time=200h',
    '--web.enable-lifecycle',
  ];
  for (const flag of flags) if (!args.includes(flag)) problems.push(`prometheus: command lacks ${flag}`);
  // Prometheus 3 ships no console templates: the flags would point at nothing.
  if (args.some((a) => a.startsWith('--web.console')))
    problems.push('prometheus: --web.console.* flags are obsolete');
  const volumes = (svc?.volumes ?? []).map(normalizeVolume);
  if (!volumes.some((v) => v.source === 'prometheus_data' && v.target === '/prometheus')) {
    problems.push('prometheus: prometheus_data is not mounted at /prometheus');
  }
  for (const name of ['prometheus_data', 'grafana_data']) {
    if (!compose.volumes || !(name in compose.volumes)) problems.push(`named volume ${name} is not declared`);
  }
  return problems;
};

export const checkScrapeConfig: StackCheck = ({ compose, prometheus }) => {
  const problems: string[] = [];
  const { global } = prometheus;
  if (global.scrape_interval !== '15s' || global.evaluation_interval !== '15s') {
    problems.push('prometheus.yml: global scrape and evaluation intervals must be 15s');
  }
  if (global.external_labels?.monitor !== 'prometheus-workshop') {
    problems.push("prometheus.yml: external label monitor must be 'prometheus-workshop'");
  }
  const jobs = prometheus.scrape_configs.map((c) => c.job_name);
  const expected: string[] = [...scrapeJobs.map((j) => j.job), progressProbe.job];
  for (const job of expected) if (!jobs.includes(job)) problems.push(`prometheus.yml: job ${job} missing`);
  for (const job of jobs) if (!expected.includes(job)) problems.push(`prometheus.yml: unexpected job ${job}`);
  if (new Set(jobs).size !== jobs.length) problems.push('prometheus.yml: duplicate job names');

  for (const config of prometheus.scrape_configs) {
    const job = scrapeJobs.find((j) => j.job === config.job_name);
    if (!job) continue;
    const where = `prometheus.yml: job ${job.job}`;
    if (config.scrape_interval !== `${scrapeIntervalSeconds}s`) {
      problems.push(`${where}: scrape_interval must be ${scrapeIntervalSeconds}s`);
    }
    if ((config.metrics_path ?? '/metrics') !== job.metricsPath)
      problems.push(`${where}: metrics_path is wrong`);
    const targets = config.static_configs.flatMap((s) => s.targets);
    if (targets.length !== 1) problems.push(`${where}: expected one target, found ${targets.length}`);
    for (const target of targets) {
      const [host = '', port = ''] = target.split(':');
      // Prometheus scrapes itself over loopback; everything else by Compose service name.
      const expectedHost = job.service === 'prometheus' ? 'localhost' : job.service;
      if (host !== expectedHost) problems.push(`${where}: target host ${host}, expected ${expectedHost}`);
      if (Number(port) !== job.port) problems.push(`${where}: target port ${port}, expected ${job.port}`);
      if (!tcpContainerPorts(compose.services[job.service]).includes(Number(port))) {
        problems.push(`${where}: service ${job.service} does not expose port ${port}`);
      }
    }
  }
  return problems;
};

/** The progress probe job is exactly what the native backend generates, aimed at the progress service. */
export const checkProgressProbe: StackCheck = ({ compose, prometheus }) => {
  const job = prometheus.scrape_configs.find((c) => c.job_name === progressProbe.job);
  if (!job) return [`prometheus.yml: job ${progressProbe.job} missing`];
  const address = `progress:${services.progress.port}`;
  const want = progressProbeJob(address);
  const problems: string[] = [];
  if (JSON.stringify(job) !== JSON.stringify(want))
    problems.push(`prometheus.yml: job ${progressProbe.job} differs from ${JSON.stringify(want)}`);
  if (!tcpContainerPorts(compose.services.progress).includes(services.progress.port))
    problems.push(`progress: does not expose port ${services.progress.port}`);
  const args = commandArgs(compose.services.progress);
  for (const flag of [
    `--port=${services.progress.port}`,
    '--host=0.0.0.0',
    '--query-log=/prometheus/queries.log',
  ])
    if (!args.includes(flag)) problems.push(`progress: command lacks ${flag}`);
  const mounts = (compose.services.progress?.volumes ?? []).map(normalizeVolume);
  if (!mounts.some((m) => m.source === 'prometheus_data' && m.target === '/prometheus' && m.readOnly))
    problems.push('progress: prometheus_data must be mounted read-only at /prometheus (the query log)');
  // Compose interpolates it, not JavaScript.
  const learnerVariable = '$' + '{WORKSHOP_LEARNER}';
  if (prometheus.global.external_labels?.learner !== learnerVariable)
    problems.push(`prometheus.yml: external label learner must be '${learnerVariable}'`);
  return problems;
};

/** Every check, by name. */
export const stackChecks = {
  checkServiceSet,
  checkImages,
  checkCadvisorImage,
  checkHealthchecks,
  checkPorts,
  checkContainerNames,
  checkDependsOn,
  checkRestart,
  checkGrafana,
  checkWebapp,
  checkStatsdMapping,
  checkPrometheusService,
  checkScrapeConfig,
  checkProgressProbe,
} satisfies Record<string, StackCheck>;
