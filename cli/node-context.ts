import type { Context } from './context.js';
import { nodeExec } from './exec.js';
import { httpRequest } from './http/fetch-json.js';
import { abortableSleep } from './sleep.js';
import { nodeProcesses } from './stack/processes.js';

/** The real outside world: this process's streams, environment, clock, processes and network. */
export function createNodeContext(signal: AbortSignal): Context {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    now: () => Date.now(),
    sleep: abortableSleep(),
    signal,
    exec: nodeExec,
    http: httpRequest,
    processes: nodeProcesses,
    exitCode: 0,
  };
}
