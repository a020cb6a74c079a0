import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveStackConfig } from './config.js';
import {
  grafanaHomeFor,
  type NativeBinaries,
  nativePlan,
  nativePrometheusConfig,
  parseVersion,
  withReporting,
} from './native-plan.js';
import { scrapeJobs } from './services.js';

const bins: NativeBinaries = {
  prometheus: '/usr/bin/prometheus',
  nodeExporter: '/usr/bin/prometheus-node-exporter',
  grafana: undefined,
  statsd: undefined,
};
const input = (b: NativeBinaries = bins) => ({
  stateDir: '/state',
  urls: resolveStackConfig({ prometheusUrl: 'http://localhost:19090' }, {}, '/').urls,
  bins: b,
  nodeBin: '/usr/bin/node',
  webappEntry: '/app/dist/webapp/src/server.js',
  cliEntry: '/app/dist/cli/main.js',
  statsdMapping: '/app/stack/statsd/mapping.yml',
  grafanaHome: undefined,
  prometheusVersion: '2.42.0',
});

describe('nativePlan', () => {
  it('starts exporters and the webapp before Prometheus, all on loopback', () => {
    const plan = nativePlan(input());
    expect(plan.map((s) => s.name)).toEqual(['node-exporter', 'webapp', 'progress', 'prometheus']);
    expect(plan.find((s) => s.name === 'progress')?.spec.args).toEqual([
      '/app/dist/cli/main.js',
      'exporter',
      '--state-dir=/state',
      '--host=127.0.0.1',
      '--port=9199',
    ]);
    const prom = plan.find((s) => s.name === 'prometheus');
    expect(prom?.spec.args).toContain('--web.listen-address=127.0.0.1:19090');
    expect(prom?.healthUrl).toBe('http://127.0.0.1:19090/-/ready');
    expect(plan.find((s) => s.name === 'webapp')?.spec.env).toEqual({ PORT: '3001', HOST: '127.0.0.1' });
  });

  it('adds statsd_exporter and Grafana when their binaries are found, and points the webapp at statsd', () => {
    const plan = nativePlan(
      input({ ...bins, grafana: '/opt/grafana/bin/grafana', statsd: '/usr/local/bin/statsd_exporter' }),
    );
    expect(plan.map((s) => s.name)).toEqual([
      'node-exporter',
      'statsd',
      'webapp',
      'progress',
      'prometheus',
      'grafana',
    ]);
    expect(plan.find((s) => s.name === 'webapp')?.spec.env).toMatchObject({
      STATSD_HOST: '127.0.0.1',
      STATSD_PORT: '9125',
    });
    const grafana = plan.find((s) => s.name === 'grafana');
    expect(grafana?.spec.args).toEqual(['server', '--homepath', '/opt/grafana']);
    expect(grafana?.spec.env).toMatchObject({
      GF_SECURITY_ADMIN_PASSWORD: 'foobar',
      GF_SERVER_HTTP_ADDR: '127.0.0.1',
    });
  });

  it('passes the discovery-reload flag only to Prometheus versions that know it', () => {
    const flag = '--scrape.discovery-reload-interval=200ms';
    const args = (v: string | undefined) =>
      nativePlan({ ...input(), prometheusVersion: v }).find((s) => s.name === 'prometheus')?.spec.args;
    expect(args('2.42.0')).toContain(flag);
    expect(args('3.5.0')).toContain(flag);
    expect(args('2.31.2')).not.toContain(flag);
    expect(args(undefined)).not.toContain(flag);
    expect(parseVersion('prometheus, version 2.42.0+ds (branch: debian/sid, revision: 2.42.0+ds-5)')).toBe(
      '2.42.0',
    );
  });

  it('knows where packaged and unpacked Grafana keep their home', () => {
    expect(grafanaHomeFor('/usr/sbin/grafana-server')).toBe('/usr/share/grafana');
    expect(grafanaHomeFor('/opt/grafana-12.2.1/bin/grafana')).toBe('/opt/grafana-12.2.1');
  });
});

describe('nativePrometheusConfig', () => {
  it("uses the compose stack's job names for what runs, every 5 s, on loopback", () => {
    const config = parse(
      nativePrometheusConfig(nativePlan(input()), { queryLogFile: '/state/queries.log', learner: 'ada' }),
    );
    const jobs = config.scrape_configs.map((j: { job_name: string }) => j.job_name).sort();
    expect(jobs).toEqual([
      'node-exporter',
      'prometheus',
      'webapp-prometheus',
      'workshop',
      'workshop-exporter',
    ]);
    for (const job of config.scrape_configs.filter((j: { job_name: string }) => j.job_name !== 'workshop')) {
      expect(scrapeJobs.some((s) => s.job === job.job_name)).toBe(true);
      expect(job.scrape_interval).toBe('5s');
      expect(job.static_configs[0].targets[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    }
    expect(config.global.external_labels).toEqual({ monitor: 'prometheus-workshop', learner: 'ada' });
    expect(config.remote_write).toBeUndefined();
  });

  it('probes the progress exporter once per exercise, every second, and pushes only workshop_* with --report-to', () => {
    const config = parse(
      nativePrometheusConfig(nativePlan(input()), {
        queryLogFile: '/q.log',
        learner: 'ada',
        reportTo: 'http://10.0.0.5:9095',
      }),
    );
    const probe = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'workshop');
    expect(probe).toMatchObject({ metrics_path: '/probe', scrape_interval: '1s' });
    expect(probe.static_configs[0].targets).toEqual(['exercise-1', 'exercise-2']);
    expect(probe.relabel_configs.at(-1)).toEqual({
      target_label: '__address__',
      replacement: '127.0.0.1:9199',
    });
    expect(config.remote_write).toEqual([
      {
        url: 'http://10.0.0.5:9095/api/v1/write',
        write_relabel_configs: [{ source_labels: ['__name__'], regex: 'workshop_.*', action: 'keep' }],
      },
    ]);
  });

  it('rewrites only the learner label and remote_write for a stack that is already up', () => {
    const text = nativePrometheusConfig(nativePlan(input()), { queryLogFile: '/q.log', learner: 'ada' });
    expect(withReporting(text, { learner: 'ada' })).toBe(text);
    const pushed = parse(withReporting(text, { learner: 'Ada L', reportTo: 'http://10.0.0.5:9095' }));
    expect(pushed.global.external_labels).toEqual({ monitor: 'prometheus-workshop', learner: 'Ada L' });
    expect(pushed.remote_write[0].url).toBe('http://10.0.0.5:9095/api/v1/write');
    expect(pushed.scrape_configs).toEqual(parse(text).scrape_configs);
    expect(parse(withReporting(text, { learner: 'Ada L' })).remote_write).toBeUndefined();
  });

  it('passes promtool check config', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-promtool-'));
    const file = path.join(dir, 'prometheus.yml');
    const withStatsd = nativePlan(input({ ...bins, statsd: '/usr/bin/statsd_exporter' }));
    await writeFile(
      file,
      nativePrometheusConfig(withStatsd, {
        queryLogFile: path.join(dir, 'queries.log'),
        learner: 'Ada Lovelace',
        reportTo: 'http://10.0.0.5:9095',
      }),
    );
    const { stdout } = await promisify(execFile)('promtool', ['check', 'config', file], { timeout: 20_000 });
    expect(stdout).toMatch(/SUCCESS/);
  });
});
