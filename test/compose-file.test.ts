/**
 * Static tests of the Compose stack: no Docker engine needed. Every check runs on the real files
 * and, to prove it can fail, on a copy broken in the one way it looks for.
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { composeFile, projectRoot } from '../cli/paths.js';
import type { services } from '../cli/stack/services.js';
import { parseCompose } from './helpers/compose-spec.js';
import {
  type Compose,
  durationSeconds,
  findCycle,
  imageRepository,
  imageTag,
  normalizePort,
  type PrometheusConfig,
  parseYamlAs,
  prometheusConfigSchema,
  type StackCheck,
  type StackDocs,
  stackChecks,
} from './helpers/stack-checks.js';

const prometheusFile = path.join(projectRoot, 'stack', 'prometheus', 'prometheus.yml');

function readRepoFile(relativePath: string): string | undefined {
  const file = path.join(projectRoot, relativePath);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

const docs: StackDocs = {
  compose: parseCompose(readFileSync(composeFile, 'utf8'), 'docker-compose.yml'),
  prometheus: parseYamlAs(prometheusConfigSchema, readFileSync(prometheusFile, 'utf8'), 'prometheus.yml'),
  read: readRepoFile,
};

/** A deep copy of the real documents, changed by `mutate`. */
function broken(mutate: (compose: Compose, prometheus: PrometheusConfig) => void): StackDocs {
  const copy = {
    ...docs,
    compose: structuredClone(docs.compose),
    prometheus: structuredClone(docs.prometheus),
  };
  mutate(copy.compose, copy.prometheus);
  return copy;
}

/** The service of a copy, asserted present (the real file is checked to have every service). */
function svc(compose: Compose, name: keyof typeof services) {
  const s = compose.services[name];
  if (!s) throw new Error(`${name} missing`);
  return s;
}

describe('the stack files pass every check', () => {
  it.each(Object.entries(stackChecks))('%s', (_name, check) => {
    expect(check(docs)).toEqual([]);
  });
});

describe('every check catches what it is there for', () => {
  const cases: { what: string; check: StackCheck; docs: StackDocs; problem: RegExp }[] = [
    {
      what: 'a missing service',
      check: stackChecks.checkServiceSet,
      docs: broken((c) => delete c.services['node-exporter']),
      problem: /node-exporter: service missing/,
    },
    {
      what: 'an unpinned image',
      check: stackChecks.checkImages,
      docs: broken((c) => {
        svc(c, 'prometheus').image = 'prom/prometheus';
      }),
      problem: /prometheus: image prom\/prometheus has no tag/,
    },
    {
      what: 'an image on :latest',
      check: stackChecks.checkImages,
      docs: broken((c) => {
        svc(c, 'grafana').image = 'grafana/grafana:latest';
      }),
      problem: /grafana: .* not pinned/,
    },
    {
      what: 'a service with neither image nor build',
      check: stackChecks.checkImages,
      docs: broken((c) => delete svc(c, 'webapp').build),
      problem: /webapp: neither image nor build/,
    },
    {
      what: 'the old gcr.io cAdvisor image',
      check: stackChecks.checkCadvisorImage,
      docs: broken((c) => {
        svc(c, 'cadvisor').image = 'gcr.io/cadvisor/cadvisor:v0.49.1';
      }),
      problem: /not from ghcr\.io\/google\/cadvisor/,
    },
    {
      what: 'a v-prefixed ghcr.io cAdvisor tag, which does not exist',
      check: stackChecks.checkCadvisorImage,
      docs: broken((c) => {
        svc(c, 'cadvisor').image = 'ghcr.io/google/cadvisor:v0.55.1';
      }),
      problem: /must not start with "v"/,
    },
    {
      what: "the original's 30 s healthcheck interval",
      check: stackChecks.checkHealthchecks,
      docs: broken((c) => {
        const hc = svc(c, 'statsd').healthcheck;
        if (hc) hc.interval = '30s';
      }),
      problem: /statsd: healthcheck interval/,
    },
    {
      what: 'a healthcheck without start_period',
      check: stackChecks.checkHealthchecks,
      docs: broken((c) => delete svc(c, 'grafana').healthcheck?.start_period),
      problem: /grafana: healthcheck start_period missing/,
    },
    {
      what: 'a service without healthcheck',
      check: stackChecks.checkHealthchecks,
      docs: broken((c) => delete svc(c, 'cadvisor').healthcheck),
      problem: /cadvisor: no healthcheck/,
    },
    {
      what: "the original's curl probe in the webapp image, which has none",
      check: stackChecks.checkHealthchecks,
      docs: broken((c) => {
        svc(c, 'webapp').healthcheck = {
          test: ['CMD', 'curl', '-f', 'http://127.0.0.1:3001/health'],
          interval: '5s',
        };
      }),
      problem: /webapp: healthcheck uses curl/,
    },
    {
      what: 'a probe of the wrong port',
      check: stackChecks.checkHealthchecks,
      docs: broken((c) => {
        const hc = svc(c, 'node-exporter').healthcheck;
        if (hc) hc.test = ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:9101/metrics'];
      }),
      problem: /node-exporter: healthcheck does not probe/,
    },
    {
      what: 'a missing UDP port',
      check: stackChecks.checkPorts,
      docs: broken((c) => {
        svc(c, 'statsd').ports = ['9102:9102'];
      }),
      problem: /statsd: ports 9102:9102\/tcp, expected/,
    },
    {
      what: 'a remapped host port',
      check: stackChecks.checkPorts,
      docs: broken((c) => {
        svc(c, 'grafana').ports = ['3300:3000'];
      }),
      problem: /grafana: ports 3300:3000\/tcp/,
    },
    {
      what: 'a renamed container',
      check: stackChecks.checkContainerNames,
      docs: broken((c) => {
        svc(c, 'webapp').container_name = 'prometheus-webapp-1';
      }),
      problem: /webapp: container_name prometheus-webapp-1/,
    },
    {
      what: 'a dependency that waits only for the start',
      check: stackChecks.checkDependsOn,
      docs: broken((c) => {
        svc(c, 'grafana').depends_on = { prometheus: { condition: 'service_started' } };
      }),
      problem: /grafana: depends on prometheus without service_healthy/,
    },
    {
      what: 'a dependency on an unknown service',
      check: stackChecks.checkDependsOn,
      docs: broken((c) => {
        svc(c, 'webapp').depends_on = { postgres: { condition: 'service_healthy' } };
      }),
      problem: /webapp: depends on unknown service postgres/,
    },
    {
      what: 'a dependency cycle',
      check: stackChecks.checkDependsOn,
      docs: broken((c) => {
        svc(c, 'statsd').depends_on = { webapp: { condition: 'service_healthy' } };
      }),
      problem: /dependency cycle: .*statsd/,
    },
    {
      what: 'a webapp that is not restarted',
      check: stackChecks.checkRestart,
      docs: broken((c) => delete svc(c, 'webapp').restart),
      problem: /webapp: restart/,
    },
    {
      what: "the original's Angular pie-chart plugin",
      check: stackChecks.checkGrafana,
      docs: broken((c) => {
        svc(c, 'grafana').environment = {
          GF_SECURITY_ADMIN_PASSWORD: 'foobar',
          GF_USERS_ALLOW_SIGN_UP: 'false',
          GF_INSTALL_PLUGINS: 'grafana-piechart-panel',
        };
      }),
      problem: /Angular plugin/,
    },
    {
      what: 'another admin password and open sign-up',
      check: stackChecks.checkGrafana,
      docs: broken((c) => {
        svc(c, 'grafana').environment = ['GF_SECURITY_ADMIN_PASSWORD=admin', 'GF_USERS_ALLOW_SIGN_UP=true'];
      }),
      problem: /admin password must be foobar/,
    },
    {
      what: "the original's provisioning mount",
      check: stackChecks.checkGrafana,
      docs: broken((c) => {
        svc(c, 'grafana').volumes?.push('./config/grafana/provisioning:/etc/grafana/provisioning');
      }),
      problem: /grafana: provisioning mount/,
    },
    {
      what: 'a webapp that sends StatsD to localhost',
      check: stackChecks.checkWebapp,
      docs: broken((c) => {
        svc(c, 'webapp').environment = { STATSD_HOST: 'localhost', STATSD_PORT: '9125' };
      }),
      problem: /STATSD_HOST must be statsd/,
    },
    {
      what: 'a webapp listening on loopback only',
      check: stackChecks.checkWebapp,
      docs: broken((c) => {
        svc(c, 'webapp').environment = { PORT: '3001', STATSD_HOST: 'statsd', STATSD_PORT: '9125' };
      }),
      problem: /HOST must be 0.0.0.0/,
    },
    {
      what: 'statsd-exporter without a mapping',
      check: stackChecks.checkStatsdMapping,
      docs: broken((c) => delete svc(c, 'statsd').command),
      problem: /statsd: command lacks --statsd.mapping-config=/,
    },
    {
      what: 'a mapping file that does not exist',
      check: stackChecks.checkStatsdMapping,
      docs: { ...docs, read: () => undefined },
      problem: /mapping file stack\/statsd\/mapping.yml does not exist/,
    },
    {
      what: 'a mapping that misses the duration timer',
      check: stackChecks.checkStatsdMapping,
      docs: {
        ...docs,
        read: () =>
          'mappings:\n  - match: webapp.http_requests\n    name: webapp_statsd_http_requests_total\n',
      },
      problem: /webapp.http_request_duration is not mapped to webapp_statsd_http_request_duration_seconds/,
    },
    {
      what: 'a writable mapping mount',
      check: stackChecks.checkStatsdMapping,
      docs: broken((c) => {
        svc(c, 'statsd').volumes = ['./stack/statsd/mapping.yml:/etc/statsd/mapping.yml'];
      }),
      problem: /must be mounted read-only/,
    },
    {
      what: "the original's console flags",
      check: stackChecks.checkPrometheusService,
      docs: broken((c) => {
        const cmd = svc(c, 'prometheus').command;
        if (Array.isArray(cmd)) cmd.push('--web.console.templates=/etc/prometheus/consoles');
      }),
      problem: /--web.console.\* flags are obsolete/,
    },
    {
      what: "the original's whole-folder config mount",
      check: stackChecks.checkPrometheusService,
      docs: broken((c) => {
        svc(c, 'prometheus').volumes = [
          './config/prometheus/:/etc/prometheus/',
          'prometheus_data:/prometheus',
        ];
      }),
      problem: /nothing is mounted at \/etc\/prometheus\/prometheus.yml/,
    },
    {
      what: 'a missing scrape job',
      check: stackChecks.checkScrapeConfig,
      docs: broken((_c, p) => {
        p.scrape_configs = p.scrape_configs.filter((j) => j.job_name !== 'cadvisor');
      }),
      problem: /job cadvisor missing/,
    },
    {
      what: 'a scrape job at the global 15 s',
      check: stackChecks.checkScrapeConfig,
      docs: broken((_c, p) => {
        for (const j of p.scrape_configs) delete j.scrape_interval;
      }),
      problem: /scrape_interval must be 5s/,
    },
    {
      what: 'a target that is not a Compose service',
      check: stackChecks.checkScrapeConfig,
      docs: broken((_c, p) => {
        const webapp = p.scrape_configs.find((j) => j.job_name === 'webapp-prometheus');
        if (webapp) webapp.static_configs = [{ targets: ['localhost:3001'] }];
      }),
      problem: /job webapp-prometheus: target host localhost, expected webapp/,
    },
    {
      what: 'a target port the service does not expose',
      check: stackChecks.checkScrapeConfig,
      docs: broken((_c, p) => {
        const statsd = p.scrape_configs.find((j) => j.job_name === 'statsd-exporter');
        if (statsd) statsd.static_configs = [{ targets: ['statsd:9125'] }];
      }),
      problem: /service statsd does not expose port 9125/,
    },
    {
      what: 'a progress probe job scraped less often than the native one',
      check: stackChecks.checkProgressProbe,
      docs: broken((_c, p) => {
        const job = p.scrape_configs.find((j) => j.job_name === 'workshop');
        if (job) job.scrape_interval = '15s';
      }),
      problem: /job workshop differs/,
    },
    {
      what: 'a progress exporter that cannot read the query log',
      check: stackChecks.checkProgressProbe,
      docs: broken((c) => {
        svc(c, 'progress').volumes = ['progress_data:/var/lib/workshop'];
      }),
      problem: /prometheus_data must be mounted read-only/,
    },
    {
      what: 'no learner external label',
      check: stackChecks.checkProgressProbe,
      docs: broken((_c, p) => {
        delete p.global.external_labels?.learner;
      }),
      problem: /external label learner/,
    },
  ];

  it.each(cases)('$what', ({ check, docs: brokenDocs, problem }) => {
    expect(check(brokenDocs)).toContainEqual(expect.stringMatching(problem));
  });

  it('covers every check', () => {
    const covered = new Set(cases.map((c) => c.check));
    const uncovered = Object.entries(stackChecks).filter(([, check]) => !covered.has(check));
    expect(uncovered.map(([name]) => name)).toEqual([]);
  });
});

describe('document shape', () => {
  it('rejects a misspelt healthcheck key with a readable message (the Compose Specification schema)', () => {
    const text =
      'services:\n  statsd:\n    image: prom/statsd-exporter:v0.28.0\n    healthcheck:\n      start_perod: 5s\n';
    expect(() => parseCompose(text, 'docker-compose.yml')).toThrow(
      /docker-compose.yml does not follow the Compose Specification:\n {2}\/services\/statsd\/healthcheck: must NOT have additional properties: start_perod/,
    );
  });

  it('accepts valid keys that a hand-written linter missed, such as networks', () => {
    const text = 'services:\n  a:\n    image: x:1\n    networks: [front]\nnetworks:\n  front: {}\n';
    expect(parseCompose(text, 'docker-compose.yml').services.a?.image).toBe('x:1');
  });

  it('rejects a prometheus.yml without scrape_configs', () => {
    const text = 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n';
    expect(() => parseYamlAs(prometheusConfigSchema, text, 'prometheus.yml')).toThrow(/scrape_configs/);
  });
});

describe('notation helpers', () => {
  it.each([
    ['prom/prometheus:v3.5.0', 'prom/prometheus', 'v3.5.0'],
    ['prom/prometheus', 'prom/prometheus', undefined],
    ['registry.local:5000/team/app', 'registry.local:5000/team/app', undefined],
    ['registry.local:5000/team/app:1.2.3', 'registry.local:5000/team/app', '1.2.3'],
    ['ghcr.io/google/cadvisor:0.54.0@sha256:abc', 'ghcr.io/google/cadvisor', '0.54.0'],
  ])('image %s', (ref, repository, tag) => {
    expect(imageTag(ref)).toBe(tag);
    expect(imageRepository(ref)).toBe(repository);
  });

  it.each([
    ['5s', 5],
    ['1m30s', 90],
    ['500ms', 0.5],
    ['5', undefined],
    ['soon', undefined],
  ])('duration %s', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  it.each([
    ['9125:9125/udp', '9125:9125/udp'],
    ['127.0.0.1:3000:3000', '3000:3000/tcp'],
    ['8080', ':8080/tcp'],
    [{ target: 9090, published: '9090' }, '9090:9090/tcp'],
  ] as const)('port %j', (entry, normalized) => {
    expect(normalizePort(entry)).toBe(normalized);
  });

  it('finds a cycle and accepts a chain', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
        ]),
      ),
    ).toBeUndefined();
  });
});

describe('promtool check config', () => {
  const run = promisify(execFile);
  const scratch = mkdtempSync(path.join(tmpdir(), 'workshop-promtool-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** promtool's exit code and output; throws (not skips) when promtool is not installed. */
  async function promtool(file: string): Promise<{ code: number; output: string }> {
    try {
      const { stdout, stderr } = await run('promtool', ['check', 'config', file], { timeout: 15_000 });
      return { code: 0, output: stdout + stderr };
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string; signal?: string };
      if (e.code === 'ENOENT') {
        throw new Error('promtool is not on PATH: install it (Debian: `apt-get install prometheus`)');
      }
      if (typeof e.code !== 'number') throw new Error(`promtool did not finish: ${e.signal ?? e.message}`);
      return { code: e.code, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  }

  it('accepts stack/prometheus/prometheus.yml', async () => {
    const { code, output } = await promtool(prometheusFile);
    expect(code, output).toBe(0);
  });

  it('rejects a config with a duplicate job', async () => {
    const file = path.join(scratch, 'duplicate-job.yml');
    writeFileSync(
      file,
      `${readFileSync(prometheusFile, 'utf8')}\n  - job_name: 'prometheus'\n    static_configs:\n      - targets: ['localhost:9090']\n`,
    );
    const { code, output } = await promtool(file);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(/prometheus/);
  });
});
