import { mkdtemp, readFile } from 'node:fs/promises';
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
    });
    const env = await composeEnv(dir, { learner: 'Ada', reportTo: 'http://10.0.0.5:9095' });
    expect(env.WORKSHOP_PROMETHEUS_CONFIG).toBe(path.join(dir, 'prometheus-compose.yml'));
    const config = parse(await readFile(env.WORKSHOP_PROMETHEUS_CONFIG as string, 'utf8'));
    // The repository's config, unchanged but for remote_write.
    expect(config.global.external_labels.learner).toBe('${WORKSHOP_LEARNER}');
    expect(config.scrape_configs.map((j: { job_name: string }) => j.job_name)).toContain('workshop');
    expect(config.remote_write).toEqual([
      {
        url: 'http://10.0.0.5:9095/api/v1/write',
        write_relabel_configs: [{ source_labels: ['__name__'], regex: 'workshop_.*', action: 'keep' }],
      },
    ]);
  });
});
