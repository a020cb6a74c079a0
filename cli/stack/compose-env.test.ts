import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeEnv } from './compose.js';

describe('composeEnv: what the compose file is given', () => {
  it('passes the learner name, and with --report-to a generated config that pushes only workshop_*', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-compose-env-'));
    expect(await composeEnv(dir, { learner: 'Ada' })).toEqual({
      WORKSHOP_LEARNER: 'Ada',
      WORKSHOP_GRADING_DIR: path.join(dir, 'grading'),
      WORKSHOP_PROMETHEUS_DIGEST: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const env = await composeEnv(dir, { learner: 'Ada', reportTo: 'http://10.0.0.5:9095' });
    expect(env.WORKSHOP_PROMETHEUS_CONFIG).toBe(path.join(dir, 'prometheus-compose.yml'));
    const config = parse(await readFile(env.WORKSHOP_PROMETHEUS_CONFIG as string, 'utf8'));
    // The repository's config, unchanged but for remote_write.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose interpolates it, not JavaScript
    expect(config.global.external_labels.learner).toBe('${WORKSHOP_LEARNER}');
    expect(config.scrape_configs.map((j: { job_name: string }) => j.job_name)).toContain('workshop');
    expect(config.remote_write).toEqual([
      {
        url: 'http://10.0.0.5:9095/api/v1/write',
        write_relabel_configs: [{ source_labels: ['__name__'], regex: 'workshop_.*', action: 'keep' }],
      },
    ]);
  });

  it('changes WORKSHOP_PROMETHEUS_DIGEST with what Prometheus reads, so Compose recreates it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-compose-env-'));
    const digest = async (r: Parameters<typeof composeEnv>[1]) =>
      (await composeEnv(dir, r)).WORKSHOP_PROMETHEUS_DIGEST;
    const ada = await digest({ learner: 'Ada' });
    expect(await digest({ learner: 'Ada' })).toBe(ada);
    expect(await digest({ learner: 'Grace' })).not.toBe(ada);
    // The generated config is rewritten at every up; only a different content is a change.
    const pushed = await digest({ learner: 'Ada', reportTo: 'http://10.0.0.5:9095' });
    expect(pushed).not.toBe(ada);
    expect(await digest({ learner: 'Ada', reportTo: 'http://10.0.0.5:9095' })).toBe(pushed);
    expect(await digest({ learner: 'Ada', reportTo: 'http://10.0.0.6:9095' })).not.toBe(pushed);
    // A new password is a new file: the running container would keep reading the old one.
    const secret = path.join(dir, 'report-to.secret');
    await writeFile(secret, 'one');
    const auth = {
      learner: 'Ada',
      reportTo: 'http://10.0.0.5:9095',
      reportAuth: { username: 'ada', passwordFile: secret },
    };
    const first = await digest(auth);
    expect(await digest(auth)).toBe(first);
    await rm(secret);
    await writeFile(secret, 'two');
    expect(await digest(auth)).not.toBe(first);
  });
});
