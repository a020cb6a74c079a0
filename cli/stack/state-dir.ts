import { lstat, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ensureDir, UnusablePathError } from '../fs-safe.js';
import { safeJson } from '../safe-json.js';

/** What of `solve`'s record matters here: the learner's objects it replaced. */
const solveRecord = z.object({ replaced: z.record(z.string(), z.unknown()).optional() });

/**
 * Every entry workshop writes into its state dir, and nothing else: `down --volumes` deletes
 * these and refuses a folder holding anything more. A new file in the state dir goes here.
 */
export const stateDirEntries = [
  'stack.json',
  'prometheus.yml',
  'prometheus-compose.yml',
  'prometheus-data',
  'queries.log',
  'logs',
  'grafana',
  'learner',
  'report-to',
  'report-to.secret',
  'progress.json',
  'attempts.jsonl',
  'querylog-offset.json',
  'grafana-tries.json',
  'solve-exercise-2.json',
  'traffic',
  'grading',
] as const;

/** Written by `up` into a folder it made (or that held only its own entries): "workshop's, may be deleted". */
export const stateDirMarker = '.workshop-state-dir';

/** `file.tmp` and `file.<pid>.tmp`: what an interrupted atomic write leaves behind. */
function known(name: string): boolean {
  if (name === stateDirMarker) return true;
  const base = name.replace(/(\.\d+)?\.tmp$/, '');
  return (stateDirEntries as readonly string[]).includes(base);
}

const hint = 'choose a new or empty folder with --state-dir (or WORKSHOP_STATE_DIR)';

async function entriesOf(dir: string): Promise<string[] | undefined> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    if (info.code === 'ENOENT') return undefined;
    throw new UnusablePathError(dir, info.message, hint);
  }
  if (!info.isDirectory()) throw new UnusablePathError(dir, 'it is not a folder', hint);
  return readdir(dir);
}

function strangers(entries: string[]): string {
  const others = entries.filter((e) => !known(e));
  return `${others.slice(0, 5).join(', ')}${others.length > 5 ? `, and ${others.length - 5} more` : ''}`;
}

/**
 * Before `up` writes anything: the state dir is made, or is workshop's already (its marker), or
 * holds only workshop's own entries (a state dir from before the marker). A folder with anything
 * else in it (the current folder, a home) is refused, so `down --volumes` can never be aimed at it.
 */
export async function claimStateDir(dir: string): Promise<void> {
  const entries = await entriesOf(dir);
  if (entries?.includes(stateDirMarker)) return;
  if (entries?.some((e) => !known(e)))
    throw new UnusablePathError(dir, `it holds files workshop did not make (${strangers(entries)})`, hint);
  await ensureDir(dir);
  await writeFile(
    path.join(dir, stateDirMarker),
    'This folder was made by `workshop up`; `workshop down --volumes` deletes it.\n',
  );
}

/**
 * Whether `down --volumes` may delete this state dir: it must carry the marker and hold only
 * known entries; otherwise a usage error (exit 2), checked before anything is stopped or removed.
 * Undefined when there is no such folder (nothing to delete).
 */
export async function deletableStateDir(dir: string): Promise<string[] | undefined> {
  const entries = await entriesOf(dir);
  if (!entries) return undefined;
  const keep = 'delete what you no longer need by hand';
  if (!entries.includes(stateDirMarker))
    throw new UnusablePathError(
      dir,
      `workshop did not make it (no ${stateDirMarker} marker from \`workshop up\`), so --volumes deletes nothing`,
      keep,
    );
  if (entries.some((e) => !known(e)))
    throw new UnusablePathError(
      dir,
      `it holds files workshop did not make (${strangers(entries)}), so --volumes deletes nothing`,
      keep,
    );
  // `solve --force` kept there the learner's own Grafana objects it replaced: the only copy.
  const solved = solveRecord.safeParse(
    safeJson(await readFile(path.join(dir, 'solve-exercise-2.json'), 'utf8').catch(() => '')),
  );
  const replaced = Object.keys((solved.success && solved.data.replaced) || {});
  if (replaced.length)
    throw new UnusablePathError(
      dir,
      `it keeps the only copy of what \`solve --force\` replaced in Grafana (${replaced.join(', ')}), so --volumes deletes nothing`,
      'run `workshop solve exercise-2 --undo` first: it puts them back',
    );
  return entries;
}

/**
 * Deletes workshop's entries, then the marker, then the folder: nothing it did not make. A state
 * dir given as a symbolic link is emptied; the link and the folder it points to are the user's.
 */
export async function deleteStateDir(dir: string): Promise<boolean> {
  const entries = await deletableStateDir(dir);
  if (!entries) return false;
  for (const entry of entries.filter((e) => e !== stateDirMarker))
    await rm(path.join(dir, entry), { recursive: true, force: true });
  await rm(path.join(dir, stateDirMarker), { force: true });
  if (!(await lstat(dir)).isSymbolicLink()) await rmdir(dir);
  return true;
}
