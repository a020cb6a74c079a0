import type { Exec } from './exec.js';
import type { HttpClient } from './http/fetch-json.js';
import type { ProcessControl } from './stack/processes.js';

/** Everything a command needs from the outside world, so tests can hand in their own. */
export interface Context {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Keys for live screens (`watch`); undefined when there is no terminal to read from. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A person watches stderr on a terminal (and this is not CI): spinners and live screens. */
  interactive: boolean;
  /** Whether stdout may carry colour (a terminal, and NO_COLOR unset). */
  color: boolean;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /** Runs a command to completion (docker, apt-get, `prometheus --version`). */
  exec: Exec;
  /** Every HTTP exchange with Prometheus, Grafana and the webapp's probes. */
  http: HttpClient;
  /** The native backend's long-running processes. */
  processes: ProcessControl;
  /** Set by commands; runMain returns it. */
  exitCode: number;
}
