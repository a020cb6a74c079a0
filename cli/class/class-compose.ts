import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { projectRoot } from '../paths.js';
import { classPrometheusConfig } from './class-config.js';
import type { ClassFile } from './class-dir.js';

/** The class dashboard, provisioned into the class's Grafana (compose) or pushed to a named one. */
export const classDashboardFile = path.join(projectRoot, 'stack', 'class', 'dashboard.json');
/** The data source uid the dashboard refers to. */
export const classDataSourceUid = 'workshop-class';
export const classGrafanaPort = 3005;

/**
 * The class stack for Docker: the class Prometheus (the same config, its learner list mounted
 * where the container sees it) and a Grafana with the class Prometheus and the class dashboard
 * provisioned. Written into the class folder; `class up --backend compose` runs it.
 */
export function classComposeFile(opts: { host: string; port: number }): string {
  const publish = (port: number, inner: number) => `${opts.host}:${port}:${inner}`;
  return stringify({
    name: 'workshop-class',
    services: {
      prometheus: {
        image: 'prom/prometheus:v3.5.0',
        command: [
          '--config.file=/etc/prometheus/prometheus.yml',
          '--storage.tsdb.path=/prometheus',
          '--web.enable-lifecycle',
          '--web.enable-remote-write-receiver',
        ],
        volumes: [
          './prometheus-compose.yml:/etc/prometheus/prometheus.yml:ro',
          './learners.json:/etc/prometheus/learners.json:ro',
          'class_prometheus:/prometheus',
        ],
        ports: [publish(opts.port, 9090)],
        healthcheck: {
          test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:9090/-/ready'],
          interval: '5s',
          timeout: '3s',
          retries: 5,
          start_period: '30s',
        },
      },
      grafana: {
        image: 'grafana/grafana:12.2.1',
        environment: {
          GF_SECURITY_ADMIN_USER: 'admin',
          GF_SECURITY_ADMIN_PASSWORD: 'foobar',
          GF_USERS_ALLOW_SIGN_UP: 'false',
          GF_ANALYTICS_REPORTING_ENABLED: 'false',
          GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
        },
        volumes: [
          './grafana/provisioning:/etc/grafana/provisioning:ro',
          './grafana/dashboards:/var/lib/grafana/dashboards:ro',
          'class_grafana:/var/lib/grafana',
        ],
        ports: [publish(classGrafanaPort, 3000)],
        depends_on: { prometheus: { condition: 'service_healthy' } },
        healthcheck: {
          test: ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:3000/api/health'],
          interval: '5s',
          timeout: '3s',
          retries: 5,
          start_period: '120s',
        },
      },
    },
    volumes: { class_prometheus: null, class_grafana: null },
  });
}

/** Grafana's provisioning files: the data source (the class Prometheus) and the dashboard folder. */
export const classProvisioning = {
  dataSource: stringify({
    apiVersion: 1,
    datasources: [
      {
        name: 'Workshop class',
        uid: classDataSourceUid,
        type: 'prometheus',
        access: 'proxy',
        url: 'http://prometheus:9090',
        isDefault: true,
      },
    ],
  }),
  dashboards: stringify({
    apiVersion: 1,
    providers: [{ name: 'workshop-class', type: 'file', options: { path: '/var/lib/grafana/dashboards' } }],
  }),
};

/** Writes the compose stack of the class into its folder. */
export async function writeClassCompose(dir: string, cls: ClassFile, opts: { host: string; port: number }) {
  const prov = path.join(dir, 'grafana', 'provisioning');
  await mkdir(path.join(prov, 'datasources'), { recursive: true });
  await mkdir(path.join(prov, 'dashboards'), { recursive: true });
  await mkdir(path.join(dir, 'grafana', 'dashboards'), { recursive: true });
  await writeFile(path.join(dir, 'docker-compose.yml'), classComposeFile(opts));
  await writeFile(
    path.join(dir, 'prometheus-compose.yml'),
    classPrometheusConfig('/etc/prometheus/learners.json', cls),
  );
  await writeFile(path.join(prov, 'datasources', 'class.yml'), classProvisioning.dataSource);
  await writeFile(path.join(prov, 'dashboards', 'class.yml'), classProvisioning.dashboards);
  await copyFile(classDashboardFile, path.join(dir, 'grafana', 'dashboards', 'class.json'));
}
