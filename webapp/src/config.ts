import { z } from 'zod';

/** Everything the webapp reads from its environment, validated once at startup. */
export interface Config {
  port: number;
  host: string;
  /** undefined: no StatsD client is created and nothing is sent. */
  statsdHost: string | undefined;
  statsdPort: number;
  maxDelaySeconds: number;
  maxCpuIterations: number;
  /** Largest `/memory-usage?size=` a single request may ask for. */
  maxMemoryMb: number;
  /** Memory all `/memory-usage` requests may hold at once, server-wide. */
  memoryBudgetMb: number;
  memoryHoldMs: number;
  /** off: the same app without prom-client, only for measuring what instrumentation costs. */
  instrumentation: boolean;
  /** Distinct unknown paths that keep their own `path` label before the rest share one. */
  maxUnknownPaths: number;
  shutdownTimeoutMs: number;
}

/** A bad environment variable: the message is meant for a human, printed without a stack trace. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function integer(name: string, min: number, max: number, fallback: number) {
  const message = `${name} must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\s*\d+\s*$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }))
    .default(fallback);
}

function positiveNumber(name: string, max: number, fallback: number) {
  const message = `${name} must be a number above 0 and at most ${max}`;
  return z
    .string()
    .regex(/^\s*(\d+(\.\d*)?|\.\d+)\s*$/, { error: message })
    .transform(Number)
    .pipe(z.number().gt(0, { error: message }).max(max, { error: message }))
    .default(fallback);
}

const envSchema = z
  .object({
    PORT: integer('PORT', 0, 65535, 3001),
    HOST: z.string().trim().min(1, { error: 'HOST must not be empty' }).default('127.0.0.1'),
    // An empty STATSD_HOST means "unset", so compose files can blank it out.
    STATSD_HOST: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined)),
    STATSD_PORT: integer('STATSD_PORT', 1, 65535, 9125),
    MAX_DELAY_SECONDS: positiveNumber('MAX_DELAY_SECONDS', 3600, 60),
    MAX_CPU_ITERATIONS: integer('MAX_CPU_ITERATIONS', 1, 1_000_000_000, 5_000_000),
    MAX_MEMORY_MB: integer('MAX_MEMORY_MB', 1, 65536, 200),
    MEMORY_BUDGET_MB: integer('MEMORY_BUDGET_MB', 1, 65536, 512),
    MEMORY_HOLD_MS: integer('MEMORY_HOLD_MS', 0, 600_000, 1000),
    WEBAPP_INSTRUMENTATION: z
      .enum(['on', 'off'], { error: 'WEBAPP_INSTRUMENTATION must be on or off' })
      .default('on'),
    MAX_UNKNOWN_PATHS: integer('MAX_UNKNOWN_PATHS', 0, 10_000, 20),
    SHUTDOWN_TIMEOUT_MS: integer('SHUTDOWN_TIMEOUT_MS', 0, 600_000, 10_000),
  })
  .refine((env) => env.MAX_MEMORY_MB <= env.MEMORY_BUDGET_MB, {
    error:
      'MAX_MEMORY_MB must not exceed MEMORY_BUDGET_MB (a request that could never fit is a config mistake)',
  });

/** Parses the environment; throws ConfigError naming the first bad variable and what it allows. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path[0];
    const got = typeof variable === 'string' ? ` (got ${JSON.stringify(env[variable])})` : '';
    throw new ConfigError(`${issue?.message ?? 'invalid environment'}${got}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    statsdHost: e.STATSD_HOST,
    statsdPort: e.STATSD_PORT,
    maxDelaySeconds: e.MAX_DELAY_SECONDS,
    maxCpuIterations: e.MAX_CPU_ITERATIONS,
    maxMemoryMb: e.MAX_MEMORY_MB,
    memoryBudgetMb: e.MEMORY_BUDGET_MB,
    memoryHoldMs: e.MEMORY_HOLD_MS,
    instrumentation: e.WEBAPP_INSTRUMENTATION === 'on',
    maxUnknownPaths: e.MAX_UNKNOWN_PATHS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
