import { readFile } from 'node:fs/promises';

/** The last lines of a log file, for error messages; empty when it cannot be read. */
export async function logTail(file: string, lines = 10): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
