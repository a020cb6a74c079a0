import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { ensureDir, writeAtomic } from '../fs-safe.js';
import { classPrometheusConfig, fileSdTargets, learnersFile, type Shard } from './class-config.js';
import { type Roster, rosterSchema } from './roster.js';

/** What `class init` keeps in the class folder: the roster as read, and the shard. */
const classFile = z.object({
  roster: rosterSchema,
  shard: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
});
export type ClassFile = z.infer<typeof classFile>;

const hintInit = 'run `workshop class init --roster roster.yaml` first (or pass --dir)';

/**
 * Writes the instructor's Prometheus config, the file_sd list of learners and class.json. Run
 * again with an edited roster: the list changes in place and Prometheus picks it up (file_sd),
 * with no restart.
 */
export async function initClass(
  dir: string,
  roster: Roster,
  shard?: Shard,
): Promise<{ federated: number; pushing: number }> {
  await ensureDir(dir, 'choose a writable folder with --dir');
  const targets = fileSdTargets(roster);
  await writeAtomic(path.join(dir, learnersFile), `${JSON.stringify(targets, null, 2)}\n`);
  await writeAtomic(
    path.join(dir, 'prometheus.yml'),
    classPrometheusConfig(path.resolve(dir, learnersFile), { roster, shard }),
  );
  await writeAtomic(
    path.join(dir, 'class.json'),
    `${JSON.stringify({ roster, ...(shard ? { shard } : {}) }, null, 2)}\n`,
  );
  return { federated: targets.length, pushing: roster.learners.length - targets.length };
}

export async function readClassFile(dir: string): Promise<ClassFile> {
  const text = await readFile(path.join(dir, 'class.json'), 'utf8').catch(() => undefined);
  if (text === undefined) throw new UsageError(`${dir} holds no class`, hintInit);
  try {
    return classFile.parse(JSON.parse(text));
  } catch {
    throw new UsageError(`${path.join(dir, 'class.json')} is damaged`, hintInit);
  }
}
