import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ensureDir } from '../fs-safe.js';

/**
 * What one `workshop traffic` run sent: the checks compare it with what Prometheus counted,
 * so nothing is lost and nothing invented. Written to <stateDir>/traffic/ as JSON.
 */
const ledgerFields = {
  mode: z.string(),
  seed: z.number().int(),
  timeScale: z.number().positive(),
  baseUrl: z.string(),
  /** ISO times of the first request sent and the last response received. */
  startedAt: z.string(),
  endedAt: z.string(),
  /** True when Ctrl-C (or an error) cut the run short: the counts are what was really sent. */
  interrupted: z.boolean(),
  /** One row per method, path (no query string) and status; status 0 = no HTTP response (timeout, reset). */
  requests: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      status: z.number().int().min(0),
      count: z.number().int().positive(),
    }),
  ),
  /** Every `seconds` value sent to /delay, in the order sent. */
  delaysSent: z.array(z.number().nonnegative()),
};

/**
 * Which webapp process answered: its `process_start_time_seconds`. Counters restart with the
 * process, so a ledger is only ever compared with the process it was sent to. null: not known.
 */
const webappIdentity = z.object({ startTimeSeconds: z.number().nullable() });

export const ledgerSchema = z.object({ version: z.literal(2), webapp: webappIdentity, ...ledgerFields });
export type Ledger = z.infer<typeof ledgerSchema>;

/** Version 1 did not record the webapp process: such a ledger is read, but matches no process. */
const ledgerV1 = z
  .object({ version: z.literal(1), ...ledgerFields })
  .transform((l): Ledger => ({ ...l, version: 2, webapp: { startTimeSeconds: null } }));

/** Where the ledgers of a stack live. */
export function ledgerDir(stateDir: string): string {
  return path.join(stateDir, 'traffic');
}

/** `2025-07-27T10-15-00.123Z-quick.json`: sorts by time, and `:` is not allowed in every file system. */
export function ledgerFileName(ledger: Pick<Ledger, 'startedAt' | 'mode'>): string {
  return `${ledger.startedAt.replaceAll(':', '-')}-${ledger.mode}.json`;
}

/** Validates and writes a ledger (atomically: a reader never sees half a file); returns its path. */
export async function writeLedger(stateDir: string, ledger: Ledger): Promise<string> {
  const valid = ledgerSchema.parse(ledger);
  const dir = ledgerDir(stateDir);
  await ensureDir(dir);
  const file = path.join(dir, ledgerFileName(valid));
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(partial, file);
  return file;
}

export interface StoredLedger {
  file: string;
  ledger: Ledger;
}

/** A file in the ledger folder that is not a valid ledger, and why. */
export interface DamagedLedger {
  file: string;
  problem: string;
}

export interface LedgerReading {
  /** Oldest first. */
  ledgers: StoredLedger[];
  damaged: DamagedLedger[];
}

/** Every ledger of a stack, each validated; damaged files are listed, never thrown. */
export async function readLedgers(stateDir: string): Promise<LedgerReading> {
  const dir = ledgerDir(stateDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ledgers: [], damaged: [] };
    throw error;
  }
  const reading: LedgerReading = { ledgers: [], damaged: [] };
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    const result = await readFile(file, 'utf8').then(parseLedger, (error: Error) => ({
      problem: `cannot be read (${error.message})`,
    }));
    if ('ledger' in result) reading.ledgers.push({ file, ledger: result.ledger });
    else reading.damaged.push({ file, problem: result.problem });
  }
  // ISO times sort as text; the sort is stable, so equal times keep file-name order.
  reading.ledgers.sort((a, b) =>
    a.ledger.startedAt < b.ledger.startedAt ? -1 : a.ledger.startedAt > b.ledger.startedAt ? 1 : 0,
  );
  return reading;
}

/** The newest valid ledger, or undefined when there is none. */
export async function latestLedger(stateDir: string): Promise<StoredLedger | undefined> {
  return (await readLedgers(stateDir)).ledgers.at(-1);
}

/** A ledger from its file text, or what is wrong with it, said for a human. */
export function parseLedger(text: string): { ledger: Ledger } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = ((json as { version?: unknown })?.version === 1 ? ledgerV1 : ledgerSchema).safeParse(json);
  if (parsed.success) return { ledger: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { problem: `not a traffic ledger (${where}${issue?.message ?? 'invalid'})` };
}
