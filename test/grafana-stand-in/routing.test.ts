import { describe, expect, it } from 'vitest';
import { useGrafanaStandIn } from './use-stand-in.js';

describe('Grafana stand-in: routing and request bodies', () => {
  const { api } = useGrafanaStandIn({ resetEachTest: false });

  it('answers an unknown API path with 404 Not found, signed in or not', async () => {
    for (const auth of [undefined, null]) {
      const r = await api('GET', '/api/does-not-exist', { auth });
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ message: 'Not found' });
    }
  });

  it('answers a known path with the wrong method like an unknown path (no 405)', async () => {
    const r = await api('PATCH', '/api/datasources');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: 'Not found' });
  });

  it('answers malformed JSON with 400 bad request data', async () => {
    const r = await api('POST', '/api/folders', {
      rawBody: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: 'bad request data' });
  });

  it('answers a wrongly typed field with 400 bad request data', async () => {
    const r = await api('POST', '/api/dashboards/db', {
      body: { dashboard: { title: 'x' }, overwrite: 'yes' },
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: 'bad request data' });
  });

  it('sends JSON with Grafana default headers', async () => {
    const r = await api('GET', '/api/user');
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
