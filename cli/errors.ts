/** Exit codes, one meaning each, shared by every command. */
export const ExitCode = {
  ok: 0,
  /** A check ran and its result was wrong. */
  failed: 1,
  /** Bad flags, unknown mode or exercise, invalid input file. */
  usage: 2,
  /** The stack or an upstream service (Prometheus, Grafana, Docker) could not do its part. */
  upstream: 3,
  /** Nothing failed, but some checks could not be checked (the report says why and what to do). */
  unchecked: 4,
  /** A bug in workshop itself. */
  internal: 70,
  /** Stopped by Ctrl-C. */
  interrupted: 130,
  /** Stopped by SIGTERM. */
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** 130 for Ctrl-C, 143 for SIGTERM, as a shell reports them. */
export function interruptedCode(signal: AbortSignal): number {
  return String(signal.reason?.message ?? '').includes('SIGTERM')
    ? ExitCode.terminated
    : ExitCode.interrupted;
}

/** An error the user can act on: printed as one message plus an optional hint, never as a stack trace. */
export class WorkshopError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  /** What was undone on the way out (e.g. the processes a failed `up` stopped again). */
  cleanup: string | undefined;
  constructor(message: string, opts: { exitCode: ExitCode; hint?: string; cause?: unknown }) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.exitCode = opts.exitCode;
    this.hint = opts.hint;
  }
}

export class UsageError extends WorkshopError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.usage, ...(hint ? { hint } : {}) });
  }
}

/** The stack could not be brought up, inspected or torn down. */
export class StackError extends WorkshopError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { exitCode: ExitCode.upstream, ...opts });
  }
}

/** Prometheus, Grafana or the webapp did not answer, or answered with an API error. */
export class UpstreamError extends WorkshopError {
  readonly service: string;
  readonly url: string;
  readonly status: number | undefined;
  constructor(
    service: string,
    url: string,
    message: string,
    opts: { status?: number; hint?: string; cause?: unknown } = {},
  ) {
    super(message, { exitCode: ExitCode.upstream, ...opts });
    this.service = service;
    this.url = url;
    this.status = opts.status;
  }
}

/** Ctrl-C or SIGTERM arrived while a phase ran; what it had started is stopped again. */
export class InterruptedError extends WorkshopError {
  constructor(message: string) {
    super(message, { exitCode: ExitCode.interrupted });
  }
}
