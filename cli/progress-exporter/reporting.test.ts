import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeEnv } from '../stack/compose.js';
import { nativePrometheusConfig } from '../stack/native-plan.js';
import { resolveReporting } from './reporting.js';

const password = 's3cret-pw';

/** Every file under a folder whose text carries the password, but the one meant to. */
async function leaks(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if (name === 'report-to.secret' || !(await stat(file)).isFile()) continue;
    if ((await readFile(file, 'utf8')).includes(password)) found.push(name);
  }
  return found;
}

describe('--report-to with a login in the URL', () => {
  it('keeps the URL without it, the password in a 0600 file, and Prometheus gets basic_auth.password_file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-report-'));
    const r = await resolveReporting(dir, {
      learner: 'Ada',
      reportTo: `http://ada%40school:${encodeURIComponent(password)}@10.0.0.5:9095`,
    });
    const secret = path.join(dir, 'report-to.secret');
    expect(r).toEqual({
      learner: 'Ada',
      reportTo: 'http://10.0.0.5:9095',
      reportAuth: { username: 'ada@school', passwordFile: secret },
    });
    expect(await readFile(secret, 'utf8')).toBe(password);
    expect((await stat(secret)).mode & 0o777).toBe(0o600);
    // A later `up` without the flag pushes the same way.
    expect(await resolveReporting(dir)).toEqual(r);

    const config = nativePrometheusConfig([], { queryLogFile: 'q.log', ...r });
    await writeFile(path.join(dir, 'prometheus.yml'), config);
    expect(parse(config).remote_write[0]).toMatchObject({
      url: 'http://10.0.0.5:9095/api/v1/write',
      basic_auth: { username: 'ada@school', password_file: secret },
    });
    const compose = await composeEnv(dir, r);
    expect(compose.WORKSHOP_REPORT_TO_SECRET).toBe(secret);
    expect(
      parse(await readFile(compose.WORKSHOP_PROMETHEUS_CONFIG as string, 'utf8')).remote_write[0],
    ).toMatchObject({
      basic_auth: { username: 'ada@school', password_file: '/etc/prometheus/report-to.secret' },
    });
    expect(await leaks(dir)).toEqual([]);

    // --no-report-to forgets the password too.
    expect(await resolveReporting(dir, { reportTo: false })).toEqual({ learner: 'Ada' });
    expect(await readdir(dir)).not.toContain('report-to.secret');
  });

  it('splits a URL an earlier version kept with its login, and drops the password from it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-report-'));
    await writeFile(path.join(dir, 'report-to'), `http://ada:${password}@10.0.0.5:9095\n`);
    const r = await resolveReporting(dir);
    expect(r.reportTo).toBe('http://10.0.0.5:9095');
    expect(r.reportAuth?.username).toBe('ada');
    expect(await leaks(dir)).toEqual([]);
  });

  it('never prints the password of a bad --report-to', async () => {
    const { runInProcess } = await import('../../test/helpers/in-process.js');
    for (const bad of [`ada:${password}@10.0.0.5:9095`, `ftp://ada:${password}@10.0.0.5`]) {
      const r = await runInProcess(['up', '--report-to', bad]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).not.toContain(password);
    }
  });
});
