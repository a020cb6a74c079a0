import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLearner, readLearner, writeLearner } from './learner-name.js';

describe('readLearner: whose progress this is', () => {
  it('takes the name kept by `up --learner`, else the one the stack was given, else user@host', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-learner-'));
    // The compose progress service: an empty state volume and WORKSHOP_LEARNER from compose.
    expect(await readLearner(dir, 'Ada Lovelace')).toBe('Ada Lovelace');
    expect(await readLearner(dir, '<script>')).toBe(defaultLearner());
    expect(await readLearner(dir)).toBe(defaultLearner());
    await writeLearner(dir, 'Grace Hopper');
    expect(await readLearner(dir, 'Ada Lovelace')).toBe('Grace Hopper');
  });
});
