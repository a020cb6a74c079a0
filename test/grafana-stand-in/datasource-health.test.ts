import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { type RunningPrometheus, startPrometheus } from '../helpers/prometheus-process.js';
import { useGrafanaStandIn } from './use-stand-in.js';

const SUFFIX = ' - There was an error returned querying the Prometheus API.';

describe('Grafana stand-in: data source "Save & test" health check', () => {
  const { grafana, api } = useGrafanaStandIn();
  let prom: RunningPrometheus;

  beforeAll(async () => {
    prom = await startPrometheus();
  });
  afterAll(() => prom?.stop());

  const addPrometheus = (url: string, jsonData: Record<string, unknown> = {}) =>
    grafana().state.addDataSource({
      name: 'Prometheus',
      type: 'prometheus',
      uid: 'prom',
      access: 'proxy',
      url,
      jsonData,
    });

  it('reports OK with Prometheus details when the URL reaches a real Prometheus', async () => {
    addPrometheus(prom.url, { httpMethod: 'POST' });
    const r = await api('GET', '/api/datasources/uid/prom/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'OK',
      message: 'Successfully queried the Prometheus API.',
      details: { application: 'Prometheus', features: { rulerApiEnabled: false } },
    });
  });

  it('also works with httpMethod GET and a trailing slash on the URL', async () => {
    addPrometheus(`${prom.url}/`, { httpMethod: 'GET' });
    const r = await api('GET', '/api/datasources/uid/prom/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'OK' });
  });

  it('answers 400 with the Go-style dial error when nothing listens on the port', async () => {
    const port = await freePort();
    addPrometheus(`http://127.0.0.1:${port}`);
    const r = await api('GET', '/api/datasources/uid/prom/health');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      status: 'ERROR',
      message: `Post "http://127.0.0.1:${port}/api/v1/query": dial tcp 127.0.0.1:${port}: connect: connection refused${SUFFIX}`,
    });
  });

  it('answers 400 when the URL answers but is not a Prometheus API', async () => {
    addPrometheus(`${grafana().url}/not-prometheus`);
    const r = await api('GET', '/api/datasources/uid/prom/health');
    expect(r.status).toBe(400);
    expect((r.body as { message: string }).message).toMatch(/^404 Not Found - There was an error/);
  });

  it('answers a malformed uid with 400 and an unknown one with 500, like Grafana', async () => {
    const malformed = await api('GET', '/api/datasources/uid/bad%20uid/health');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ message: 'UID is invalid' });
    const unknown = await api('GET', '/api/datasources/uid/nope/health');
    expect(unknown.status).toBe(500);
    expect(unknown.body).toEqual({ message: 'Unable to load datasource metadata' });
  });

  it('needs credentials like every other API route', async () => {
    addPrometheus(prom.url);
    expect((await api('GET', '/api/datasources/uid/prom/health', { auth: null })).status).toBe(401);
  });
});
