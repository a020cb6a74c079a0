import ora, { type Ora } from 'ora';
import type { Context } from '../context.js';

/** Phase-by-phase feedback on stderr: a spinner on a terminal, plain lines elsewhere, nothing when quiet. */
export interface Spinner {
  start(text: string): void;
  /** A running count or status: shown on a terminal, dropped from plain logs (they would drown in it). */
  update(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
  info(text: string): void;
  stop(): void;
}

export function createSpinner(opts: {
  stream: NodeJS.WritableStream;
  /** A person watches a terminal: a spinner; otherwise plain lines. */
  interactive: boolean;
  quiet: boolean;
}): Spinner {
  if (opts.quiet) return { start() {}, update() {}, succeed() {}, fail() {}, info() {}, stop() {} };
  if (!opts.interactive) {
    const line = (s: string) => opts.stream.write(`${s}\n`);
    return {
      start: (t) => line(`… ${t}`),
      update() {},
      succeed: (t) => line(`✓ ${t}`),
      fail: (t) => line(`✗ ${t}`),
      info: (t) => line(`  ${t}`),
      stop() {},
    };
  }
  let spinner: Ora | undefined;
  const spin = () => {
    spinner ??= ora({ stream: opts.stream as NodeJS.WriteStream, discardStdin: false });
    return spinner;
  };
  return {
    start: (t) => spin().start(t),
    update: (t) => {
      if (spinner?.isSpinning) spinner.text = t;
      else spin().start(t);
    },
    succeed: (t) => spin().succeed(t),
    fail: (t) => spin().fail(t),
    info: (t) => spin().info(t),
    stop: () => spinner?.stop(),
  };
}

/** A command's spinner on stderr; quiet when stdout carries a JSON document (`--json`). */
export function spinnerFor(ctx: Pick<Context, 'stderr' | 'interactive'>, quiet = false): Spinner {
  return createSpinner({ stream: ctx.stderr, interactive: ctx.interactive, quiet });
}
