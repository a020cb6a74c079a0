import { z } from 'zod';
import { UsageError } from '../errors.js';
import { type ModeName, modeInfo, resolveMode } from './modes.js';
import { maxSeed } from './random.js';

/** The flags and arguments of `workshop traffic` as commander hands them over: all text. */
export interface TrafficInput {
  mode: string;
  argument: string | undefined;
  seed?: string;
  timeScale?: string;
  concurrency?: string;
  duration?: string;
  rate?: string;
  path?: string;
  baseUrl?: string;
}

export interface TrafficOptions {
  mode: ModeName;
  /** The positional count (or seconds for sustained); undefined → the mode's default. */
  count: number | undefined;
  seed: number | undefined;
  timeScale: number;
  concurrency: number;
  floodSeconds: number;
  floodPath: string;
  ratePerSecond: number | undefined;
}

export const defaultConcurrency = 32;
export const minTimeScale = 0.001;
/** The most requests (or seconds of sustained traffic) one run may be asked for. */
export const maxCount = 1_000_000;
const defaultFloodSeconds = 5;

/** A non-negative decimal flag that must also pass `valid`; one message says what is allowed. */
function numberFlag(flag: string, rule: string, valid: (n: number) => boolean) {
  const error = `${flag} must be ${rule}`;
  return z
    .string()
    .trim()
    .regex(/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i, { error })
    .transform(Number)
    .refine(valid, { error });
}

const schema = z.object({
  seed: numberFlag(
    '--seed',
    `a whole number from 0 to ${maxSeed}`,
    (n) => Number.isInteger(n) && n <= maxSeed,
  ).optional(),
  // Below 0.001 a 5 s delay would be under 5 ms: the latency histogram could no longer tell them apart.
  timeScale: numberFlag(
    '--time-scale',
    `a number from ${minTimeScale} to 1`,
    (n) => n >= minTimeScale && n <= 1,
  ).default(1),
  concurrency: numberFlag(
    '--concurrency',
    'a whole number from 1 to 1024',
    (n) => Number.isInteger(n) && n >= 1 && n <= 1024,
  ).default(defaultConcurrency),
  duration: numberFlag('--duration', 'a positive number of seconds', (n) => n > 0).optional(),
  rate: numberFlag('--rate', 'a positive number of requests per second', (n) => n > 0).optional(),
  path: z
    .string()
    .regex(/^\/\S*$/, { error: '--path must start with / (for example /health)' })
    .default('/health'),
  // Checked here, so the message names the flag the user typed (the stack config knows --app-url).
  baseUrl: z.url({ protocol: /^https?$/, error: '--base-url must be an http:// or https:// URL' }).optional(),
});

/** Validates everything up front, so a bad flag is one clear usage error before any request. */
export function parseTrafficOptions(input: TrafficInput): TrafficOptions {
  const mode = resolveMode(input.mode);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UsageError(withGot(parsed.error, input));
  const flags = parsed.data;
  return {
    mode,
    count: countFor(mode, input.argument, flags.duration),
    seed: flags.seed,
    timeScale: flags.timeScale,
    concurrency: flags.concurrency,
    floodSeconds: flags.duration ?? defaultFloodSeconds,
    floodPath: flags.path,
    ratePerSecond: flags.rate,
  };
}

function countFor(mode: ModeName, raw: string | undefined, duration: number | undefined): number | undefined {
  const argument = modeInfo(mode).argument;
  if (mode === 'sustained' && raw !== undefined && duration !== undefined) {
    throw new UsageError('give the sustained duration once: as [seconds] or as --duration, not both');
  }
  if (raw === undefined) return mode === 'sustained' ? duration : undefined;
  if (!argument) throw new UsageError(`mode ${mode} takes no [count] argument (got "${raw}")`);
  const n = Number(raw);
  const whole = argument.name === 'count';
  const ok = Number.isFinite(n) && n > 0 && (!whole || Number.isInteger(n)) && n <= maxCount;
  if (!ok) {
    const allowed = whole
      ? `a whole number from 1 to ${maxCount.toLocaleString('en')}`
      : `a number of seconds above 0 and at most ${maxCount.toLocaleString('en')}`;
    throw new UsageError(`${mode} [${argument.name}] must be ${allowed} (got "${raw}")`);
  }
  return n;
}

function withGot(error: z.ZodError, input: TrafficInput): string {
  const issue = error.issues[0];
  const key = issue?.path[0];
  const got = typeof key === 'string' ? input[key as keyof TrafficInput] : undefined;
  return `${issue?.message ?? 'invalid options'}${got === undefined ? '' : ` (got "${got}")`}`;
}
