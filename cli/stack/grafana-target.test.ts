import { describe, expect, it } from 'vitest';
import { fakeHttp } from '../../test/helpers/in-process.js';
import { resolveStackConfig } from './config.js';
import { type GrafanaUse, grafanaToGrade, resolveGrafanaTarget } from './grafana-target.js';
import type { StackState } from './state.js';

const nativeWithoutGrafana: StackState = {
  backend: 'native',
  startedAt: '2026-12-05T09:00:00.000Z',
  urls: {},
  processes: {},
  unavailable: { grafana: 'not installed: install Grafana' },
};

describe('the Grafana target, resolved once', () => {
  it('flag, then env, then the login in the URL, then admin / foobar; named by flag or env', () => {
    const config = resolveStackConfig({ grafanaUrl: 'http://ann:secret@127.0.0.1:3999' }, {}, '/w');
    expect(resolveGrafanaTarget({ grafanaUrl: 'x' }, {}, config)).toEqual({
      url: 'http://127.0.0.1:3999',
      credentials: { user: 'ann', password: 'secret' },
      named: true,
    });
    const env = { WORKSHOP_GRAFANA_USER: 'bob', WORKSHOP_GRAFANA_URL: 'http://127.0.0.1:3999' };
    expect(resolveGrafanaTarget({ grafanaPassword: 'pw' }, env, config).credentials).toEqual({
      user: 'bob',
      password: 'pw',
    });
    const plain = resolveStackConfig({}, {}, '/w');
    expect(resolveGrafanaTarget({}, {}, plain)).toEqual({
      url: 'http://localhost:3000',
      credentials: { user: 'admin', password: 'foobar' },
      named: false,
    });
  });
});

describe('is there a Grafana to grade?', () => {
  const target = (named: boolean) => ({
    url: 'http://127.0.0.1:3999',
    credentials: { user: 'admin', password: 'foobar' },
    named,
  });
  const answering = fakeHttp({ '127.0.0.1:3999/api/health': { body: { database: 'ok' } } }, 'refuse').http;
  const silent = fakeHttp({}, 'refuse').http;

  it("the backend's own always counts, whatever the use, without asking it", async () => {
    for (const use of ['read', 'write', 'inspect'] as GrafanaUse[]) {
      const running = { ...nativeWithoutGrafana, unavailable: {} };
      expect(
        await grafanaToGrade({ ctx: { http: silent }, grafana: target(false), state: running }, use),
      ).toEqual({
        grade: true,
      });
    }
  });

  it.each<[GrafanaUse, boolean, 'answers' | 'silent', boolean]>([
    // Reading the learner's work: one the user named, or their own that answers.
    ['read', true, 'silent', true],
    ['read', false, 'answers', true],
    ['read', false, 'silent', false],
    // Writing the reference solution: only into one the user named, and only if it answers.
    ['write', true, 'answers', true],
    ['write', true, 'silent', false],
    ['write', false, 'answers', false],
    // Preflight tries the one the user named (and reports why it fails).
    ['inspect', true, 'silent', true],
    ['inspect', false, 'answers', false],
  ])('backend without Grafana, %s, named %s, %s at the URL → %s', async (use, named, at, expected) => {
    const http = at === 'answers' ? answering : silent;
    const r = await grafanaToGrade(
      { ctx: { http }, grafana: target(named), state: nativeWithoutGrafana },
      use,
    );
    expect(r).toEqual(
      expected ? { grade: true } : { grade: false, backend: 'native', why: 'not installed: install Grafana' },
    );
  });
});
