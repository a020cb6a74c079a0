import { setTimeout as delay } from 'node:timers/promises';

/** Everything a command needs from the outside world, so tests can hand in their own. */
export interface Context {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stderr is an interactive terminal (spinners only then). */
  isTTY: boolean;
  /** Whether stdout may carry colour (a terminal, and NO_COLOR unset). */
  color: boolean;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /** Set by commands; copied to process.exitCode by main. */
  exitCode: number;
}

export function createNodeContext(signal: AbortSignal): Context {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    now: () => Date.now(),
    sleep: (ms, s) => delay(ms, undefined, s ? { signal: s } : {}),
    signal,
    exitCode: 0,
  };
}
