import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ensureDir, readJsonOr, writeAtomic } from '../fs-safe.js';
import { safeJson } from '../safe-json.js';
import { type LoggedQuery, parseQueryLogLine } from './parse.js';
import type { QueryLogSource } from './source.js';

/** How far the log has been read, and which file that was: a new file (or a shorter one) starts over. */
const offsetSchema = z.object({ identity: z.string(), offset: z.number().int().nonnegative() });
const attemptSchema = z.object({
  query: z.string(),
  evaluatedAtMs: z.number(),
  stepSeconds: z.number(),
  loggedAtMs: z.number(),
  error: z.string().optional(),
  method: z.string().optional(),
});

const offsetFile = (stateDir: string) => path.join(stateDir, 'querylog-offset.json');
/** The learner's queries read so far, one JSON line each: kept even when the log is truncated. */
export const attemptsFile = (stateDir: string) => path.join(stateDir, 'attempts.jsonl');

export interface SyncResult {
  added: LoggedQuery[];
  ignored: number;
  damaged: number;
}

/**
 * Reads the log from where the last read stopped, keeps the learner's new queries in the state
 * dir, and moves the offset on. Truncated in place, or replaced: read from the start again.
 */
export async function syncQueryLog(source: QueryLogSource, stateDir: string): Promise<SyncResult> {
  const result: SyncResult = { added: [], ignored: 0, damaged: 0 };
  const now = await source.stat();
  if (!now) return result;
  // A missing or damaged offset reads the log from the start (attempts are kept once each).
  const previous = await readJsonOr(offsetFile(stateDir), offsetSchema, undefined);
  const from =
    previous && previous.identity === now.identity && previous.offset <= now.size ? previous.offset : 0;
  if (from === now.size && previous) return result;
  const consumed = await source.lines(from, (line) => {
    const parsed = parseQueryLogLine(line);
    if (parsed.kind === 'query') result.added.push(parsed.query);
    else if (parsed.kind === 'ignored') result.ignored++;
    else result.damaged++;
  });
  await ensureDir(stateDir);
  if (result.added.length)
    await appendFile(attemptsFile(stateDir), result.added.map((a) => `${JSON.stringify(a)}\n`).join(''));
  await writeAtomic(
    offsetFile(stateDir),
    JSON.stringify({ identity: now.identity, offset: from + consumed }),
  );
  return result;
}

/** Every query the learner ran that has been read, oldest first, each once (two readers may both append). */
export async function readAttempts(stateDir: string, sinceMs = 0): Promise<LoggedQuery[]> {
  const text = await readFile(attemptsFile(stateDir), 'utf8').catch(() => '');
  const seen = new Set<string>();
  const out: LoggedQuery[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const parsed = attemptSchema.safeParse(safeJson(line));
    if (!parsed.success || parsed.data.loggedAtMs < sinceMs) continue;
    const key = `${parsed.data.loggedAtMs} ${parsed.data.evaluatedAtMs} ${parsed.data.query}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(parsed.data as LoggedQuery);
  }
  return out.sort((a, b) => a.loggedAtMs - b.loggedAtMs);
}
