import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StackError } from '../errors.js';
import { describe, UnusablePathError, writeAtomic } from '../fs-safe.js';

/** What `workshop up` started, so `down` stops exactly that and `status` knows where to look. */
export const stackState = z.object({
  backend: z.enum(['compose', 'native']),
  startedAt: z.string(),
  urls: z.record(z.string(), z.string()),
  processes: z.record(
    z.string(),
    z.object({
      pid: z.number().int().positive(),
      startTime: z.string().optional(),
      port: z.number().int(),
      log: z.string(),
    }),
  ),
  /** Services this backend could not run, with how to get them. */
  unavailable: z.record(z.string(), z.string()),
  /**
   * Where Prometheus writes its query log (what Exercise 1 is graded from): a file on this
   * machine (native), or a file inside the compose stack's prometheus container.
   */
  queryLog: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('file'), path: z.string() }),
      z.object({ kind: z.literal('compose'), path: z.string() }),
    ])
    .optional(),
  /** The grading Prometheus (the discriminating dataset) that `up` started, if it did. */
  grading: z.object({ url: z.string() }).optional(),
  /** compose: what the running Prometheus was started with (composeEnv's WORKSHOP_PROMETHEUS_DIGEST). */
  prometheusDigest: z.string().optional(),
});
export type QueryLogLocation = NonNullable<StackState['queryLog']>;
export type StackState = z.infer<typeof stackState>;

export const stateFile = (stateDir: string) => path.join(stateDir, 'stack.json');

export async function readState(stateDir: string): Promise<StackState | undefined> {
  const file = stateFile(stateDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // The user's --state-dir is a file, or not theirs to read: their call to fix (exit 2).
    if (code === 'ENOTDIR' || code === 'EACCES')
      throw new UnusablePathError(
        stateDir,
        code === 'ENOTDIR' ? 'it is not a folder' : describe(error as NodeJS.ErrnoException, file),
        'choose a folder with --state-dir (or WORKSHOP_STATE_DIR)',
      );
    throw new StackError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = stackState.safeParse(json);
  if (!parsed.success) {
    throw new StackError(`${file} is damaged and cannot be read`, {
      hint: 'stop any workshop processes that are still running, then delete that file',
    });
  }
  return parsed.data;
}

export async function writeState(stateDir: string, state: StackState): Promise<void> {
  await writeAtomic(stateFile(stateDir), `${JSON.stringify(state, null, 2)}\n`);
}

export async function removeState(stateDir: string): Promise<void> {
  await rm(stateFile(stateDir), { force: true });
}
