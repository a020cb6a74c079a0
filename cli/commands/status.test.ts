import { describe, expect, it } from 'vitest';
import { fakeHttp, runInProcess } from '../../test/helpers/in-process.js';

const up = {
  '/metrics': { body: '' },
  '/health': { body: { status: 'healthy' } },
  '/-/ready': { body: 'ready' },
  '/api/health': { body: { database: 'ok' } },
  '/healthz': { body: 'ok' },
  '/-/healthy': { body: 'Healthy' },
  '/api/v1/targets': { fixture: 'targets.json' },
};

describe('workshop status (in process)', () => {
  it('with no stack recorded, probes what the backend would run and marks the rest as not part of it', async () => {
    const r = await runInProcess(['status', '--backend', 'native', '--json'], {
      http: fakeHttp(up, 'refuse').http,
    });
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ backend: 'native', recorded: false, healthy: true });
    const byName = Object.fromEntries(
      doc.services.map((s: { name: string; state: string }) => [s.name, s.state]),
    );
    expect(byName).toEqual({
      webapp: 'up',
      prometheus: 'up',
      grafana: 'not available',
      'node-exporter': 'up',
      cadvisor: 'not available',
      statsd: 'not available',
      progress: 'up',
    });
    expect(r.exitCode).toBe(0);
  });

  it('uses --backend compose: all seven services are expected, and a missing one makes it exit 3', async () => {
    const { '/api/health': _grafana, ...noGrafana } = up;
    const r = await runInProcess(['status', '--backend', 'compose'], {
      http: fakeHttp(noGrafana, 'refuse').http,
    });
    expect(r.stdout).toContain('Backend: compose (no `workshop up` is recorded in');
    expect(r.stdout).toMatch(/grafana\s+http:\/\/localhost:3000\s+✗ down/);
    expect(r.stdout).toMatch(/cadvisor\s+\S+\s+✓ up/);
    expect(r.exitCode).toBe(3);
  });

  it('never prints credentials given in the Grafana URL', async () => {
    const r = await runInProcess(
      ['status', '--backend', 'native', '--json', '--grafana-url', 'http://admin:s3cret@127.0.0.1:3000'],
      {
        http: fakeHttp(up, 'refuse').http,
      },
    );
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    expect(JSON.parse(r.stdout).services.find((s: { name: string }) => s.name === 'grafana').url).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('refuses credentials in any other URL, and an out-of-range port, as usage errors that name the flag', async () => {
    const creds = await runInProcess(['status', '--prometheus-url', 'http://u:pw@127.0.0.1:9090']);
    expect(creds.exitCode).toBe(2);
    expect(creds.stderr).toContain('--prometheus-url: "http://***@127.0.0.1:9090" has credentials in it');
    expect(creds.stderr).not.toContain('pw@');
    const port = await runInProcess(['status', '--app-url', 'http://localhost:99999']);
    expect(port.exitCode).toBe(2);
    expect(port.stderr).toContain(
      '--app-url: "http://localhost:99999" has port 99999, which is out of range (1–65535)',
    );
  });
});
