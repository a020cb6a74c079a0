import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { writeAtomic } from '../fs-safe.js';

/**
 * A learner's name as the class sees it: a label value on every series, a row on the board.
 * Letters, digits, spaces and . _ ' @ -, at most 64: a name, never a path or markup.
 */
export const learnerName = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._'@-]{0,63}$/u, {
    message:
      "a name of letters, digits, spaces and . _ ' @ -, at most 64 characters, starting with a letter or digit",
  });

const nameFile = (stateDir: string) => path.join(stateDir, 'learner');

/**
 * The name set with `workshop up --learner`, else `given` (the compose stack's progress service
 * gets it as WORKSHOP_LEARNER: its own state volume never holds the name), else user@host (which
 * is always a valid name).
 */
export async function readLearner(stateDir: string, given?: string): Promise<string> {
  const text = await readFile(nameFile(stateDir), 'utf8').catch(() => undefined);
  for (const candidate of [text, given]) {
    const parsed = learnerName.safeParse(candidate ?? '');
    if (parsed.success) return parsed.data;
  }
  return defaultLearner();
}

export function defaultLearner(): string {
  const raw = `${os.userInfo().username}@${os.hostname()}`.replace(/[^\p{L}\p{N} ._'@-]/gu, '-');
  return learnerName.safeParse(raw).success ? raw : 'learner';
}

/** A name from the user, or a usage error (exit 2) that says what is allowed. */
export function parseLearner(name: string, source = '--learner'): string {
  const parsed = learnerName.safeParse(name);
  if (!parsed.success)
    throw new UsageError(`${source} "${name}" is not a usable name: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Checks the name and keeps it in the state dir. */
export async function writeLearner(stateDir: string, name: string): Promise<string> {
  const valid = parseLearner(name);
  await writeAtomic(nameFile(stateDir), `${valid}\n`);
  return valid;
}
