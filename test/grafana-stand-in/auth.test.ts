import { describe, expect, it } from 'vitest';
import { useGrafanaStandIn } from './use-stand-in.js';

describe('Grafana stand-in: health and authentication', () => {
  const { grafana, api } = useGrafanaStandIn({ adminUser: 'teacher', adminPassword: 's3cret' });

  const teacher = { user: 'teacher', password: 's3cret' };

  it('listens on 127.0.0.1 with an OS-picked port', () => {
    expect(grafana().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /api/health without credentials', async () => {
    const r = await api('GET', '/api/health', { auth: null });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      database: 'ok',
      version: '11.4.0',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  it('rejects a request without credentials with Grafana 11 unauthorized body', async () => {
    const r = await api('GET', '/api/user', { auth: null });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      extra: null,
      message: 'Unauthorized',
      messageId: 'auth.unauthorized',
      statusCode: 401,
      traceID: '',
    });
  });

  it('rejects a wrong password with password-auth.failed', async () => {
    const r = await api('GET', '/api/datasources', { auth: { user: 'teacher', password: 'nope' } });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({
      message: 'Invalid username or password',
      messageId: 'password-auth.failed',
      statusCode: 401,
    });
  });

  it('accepts the configured admin and reports it as the signed-in user', async () => {
    const r = await api('GET', '/api/user', { auth: teacher });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: 1,
      login: 'teacher',
      email: 'admin@localhost',
      isGrafanaAdmin: true,
      orgId: 1,
    });
  });

  it('does not accept the default admin/admin when another password is configured', async () => {
    expect((await api('GET', '/api/user')).status).toBe(401);
  });

  it('locks the user out after 5 failed logins, even with the right password, until reset', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await api('GET', '/api/user', { auth: { user: 'teacher', password: `wrong-${i}` } });
      expect(r.body).toMatchObject({ messageId: 'password-auth.failed' });
    }
    expect(grafana().state.failedLogins('teacher')).toBe(5);
    const locked = await api('GET', '/api/user', { auth: teacher });
    expect(locked.status).toBe(401);
    expect(locked.body).toMatchObject({
      message: 'Invalid username or password',
      messageId: 'login-attempt.blocked',
    });
    expect((await api('GET', '/api/health', { auth: null })).status).toBe(200);

    grafana().state.reset();
    expect((await api('GET', '/api/user', { auth: teacher })).status).toBe(200);
  });

  it('counts four failures as not yet locked', async () => {
    for (let i = 0; i < 4; i++) await api('GET', '/api/user', { auth: { user: 'teacher', password: 'x' } });
    expect((await api('GET', '/api/user', { auth: teacher })).status).toBe(200);
  });

  it('does not count failures for users that do not exist', async () => {
    for (let i = 0; i < 6; i++) await api('GET', '/api/user', { auth: { user: 'ghost', password: 'x' } });
    expect(grafana().state.failedLogins('ghost')).toBe(0);
  });
});
