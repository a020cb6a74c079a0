import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { resolveStackConfig } from './config.js';

describe('resolveStackConfig', () => {
  it('uses the workshop defaults', () => {
    const c = resolveStackConfig({}, {}, '/work');
    expect(c.backend).toBe('auto');
    expect(c.stateDir).toBe('/work/.workshop');
    expect(c.urls).toMatchObject({
      webapp: 'http://localhost:3001',
      prometheus: 'http://localhost:9090',
      grafana: 'http://localhost:3000',
    });
  });

  it('lets a flag win over env, env over the recorded stack, and strips trailing slashes', () => {
    const recorded = { urls: { prometheus: 'http://127.0.0.1:19090', webapp: 'http://127.0.0.1:13001' } };
    const c = resolveStackConfig(
      { prometheusUrl: 'http://flag:1/' },
      { WORKSHOP_PROMETHEUS_URL: 'http://env:2', WORKSHOP_GRAFANA_URL: 'http://g:3000/' },
      '/w',
      recorded,
    );
    expect(c.urls.prometheus).toBe('http://flag:1');
    expect(c.urls.grafana).toBe('http://g:3000');
    expect(c.urls.webapp).toBe('http://127.0.0.1:13001');
  });

  it('rejects a bad URL with a usage error naming where it came from', () => {
    expect(() => resolveStackConfig({}, { WORKSHOP_APP_URL: 'localhost:3001' }, '/w')).toThrow(
      /WORKSHOP_APP_URL: "localhost:3001" must be an http/,
    );
    expect(() => resolveStackConfig({ grafanaUrl: 'ftp://x' }, {}, '/w')).toThrow(UsageError);
  });

  it('rejects an unknown backend', () => {
    expect(() => resolveStackConfig({ backend: 'podman' }, {}, '/w')).toThrow(/unknown backend "podman"/);
  });
});
