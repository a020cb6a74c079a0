import path from 'node:path';
import { z } from 'zod';
import { readJsonOr, writeAtomic } from '../fs-safe.js';

/** A check's first pass: kept in the state dir, so a restart or a truncated query log never takes it away. */
const firstPassSchema = z.object({ atMs: z.number(), query: z.string() });
const progressSchema = z.record(z.string(), firstPassSchema);
export type FirstPasses = z.infer<typeof progressSchema>;

const progressFile = (stateDir: string) => path.join(stateDir, 'progress.json');

export const readFirstPasses = (stateDir: string): Promise<FirstPasses> =>
  readJsonOr(progressFile(stateDir), progressSchema, {});

/** Records the passes that are new (an earlier pass of a check is never replaced); returns all. */
export async function recordFirstPasses(stateDir: string, passes: FirstPasses): Promise<FirstPasses> {
  const known = await readFirstPasses(stateDir);
  const merged = { ...known };
  let changed = false;
  for (const [id, pass] of Object.entries(passes)) {
    const old = merged[id];
    if (!old || pass.atMs < old.atMs) {
      merged[id] = pass;
      changed = true;
    }
  }
  if (changed) await writeAtomic(progressFile(stateDir), `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
