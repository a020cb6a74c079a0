import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, WorkshopError } from './errors.js';
import { safeJson } from './safe-json.js';

/** A folder the user named (--state-dir, an output path) that cannot be used: their call to fix, exit 2. */
export class UnusablePathError extends WorkshopError {
  readonly path: string;
  constructor(file: string, why: string, hint: string) {
    super(`${file} cannot be used: ${why}`, { exitCode: ExitCode.usage, hint });
    this.path = file;
  }
}

const stateDirHint = 'choose a writable folder with --state-dir (or WORKSHOP_STATE_DIR)';

/**
 * Creates a folder and its parents one level at a time. Node's recursive mkdir can spin forever
 * inside pseudo file systems such as /proc (it retries ENOENT on a parent that exists); this
 * walk is bounded by the path's depth and reports the first level that fails.
 */
export async function ensureDir(dir: string, hint = stateDirHint): Promise<void> {
  const absolute = path.resolve(dir);
  const levels: string[] = [];
  for (let d = absolute; ; d = path.dirname(d)) {
    levels.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const level of levels) {
    const info = await stat(level).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (!info.isDirectory()) throw new UnusablePathError(dir, `${level} is not a folder`, hint);
      continue;
    }
    if (info.code !== 'ENOENT') throw new UnusablePathError(dir, describe(info, level), hint);
    await mkdir(level).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw new UnusablePathError(dir, describe(error, level), hint);
    });
  }
}

/** ensureDir, and the folder must be writable: checked before anything is started or sent. */
export async function ensureWritableDir(dir: string, hint = stateDirHint): Promise<void> {
  await ensureDir(dir, hint);
  await access(dir, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new UnusablePathError(dir, describe(error, dir), hint);
  });
}

/** An output file the user named (`--junit FILE`): its folder must exist and be writable, and it must not be a folder. */
export async function ensureWritableFile(file: string, flag: string): Promise<void> {
  const hint = `give ${flag} a file path in a folder you can write to`;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new UnusablePathError(file, 'it is a folder, not a file', hint);
  const dir = path.dirname(file);
  const dirInfo = await stat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (dirInfo instanceof Error) throw new UnusablePathError(file, describe(dirInfo, dir), hint);
  if (!dirInfo.isDirectory()) throw new UnusablePathError(file, `${dir} is not a folder`, hint);
  await access(info ? file : dir, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new UnusablePathError(file, describe(error, info ? file : dir), hint);
  });
}

/** An OS error in words, not a bare code. */
export function describe(error: NodeJS.ErrnoException, where: string): string {
  const words: Record<string, string> = {
    ENOENT: 'does not exist',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'is on a read-only file system',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'is a folder',
    ENOSPC: 'no space left on the device',
    EEXIST: 'already exists',
  };
  const said = error.code ? words[error.code] : undefined;
  return `${where}: ${said ?? error.message}${said ? ` (${error.code})` : ''}`;
}

/** A JSON file read against a schema; `fallback` when it is missing, unreadable or of another shape. */
export async function readJsonOr<T>(
  file: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  fallback: T,
): Promise<T> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return fallback;
  const parsed = schema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : fallback;
}

/** Write then rename: a crash never leaves a half-written file behind. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await ensureDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}
