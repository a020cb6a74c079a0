import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ProcessSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface StartedProcess {
  pid: number;
  /** Kernel start time of the process, so a recycled PID is never mistaken for ours. */
  startTime: string | undefined;
}

/**
 * Starts a long-running process that outlives this CLI, its output appended to a log file.
 * Plain spawn, not execa: execa pipes output through this process, which would then have to
 * outlive the daemon; a daemon needs the log file's descriptor handed to it directly.
 */
export async function startDetached(spec: ProcessSpec, logFile: string): Promise<StartedProcess> {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid as number));
      child.once('error', (error) => reject(new Error(`could not start ${spec.command}: ${error.message}`)));
    });
    child.unref();
    return { pid, startTime: await processStartTime(pid) };
  } finally {
    closeSync(fd);
  }
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc (the PID alone is used then). */
export async function processStartTime(pid: number): Promise<string | undefined> {
  try {
    return parseStartTime(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function parseStartTime(stat: string): string | undefined {
  // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return rest[19];
}

/** Whether the process we started is still the one running under that PID. */
export async function isOurProcess(pid: number, startTime: string | undefined): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: exists but not ours to signal, so not the one we started either.
    return false;
  }
  if (startTime === undefined) return true;
  const now = await processStartTime(pid);
  if (now === undefined) return true;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // A zombie (state Z) has exited and only waits to be reaped.
  return now === startTime && !/\) Z /.test(stat);
}

/** SIGTERM, wait up to timeoutMs, then SIGKILL. Resolves once the process is gone. */
export async function stopProcess(
  pid: number,
  startTime: string | undefined,
  opts: { timeoutMs: number; sleep: (ms: number) => Promise<void> },
): Promise<'stopped' | 'killed' | 'not running'> {
  if (!(await isOurProcess(pid, startTime))) return 'not running';
  signal(pid, 'SIGTERM');
  for (let waited = 0; waited < opts.timeoutMs; waited += 50) {
    await opts.sleep(50);
    if (!(await isOurProcess(pid, startTime))) return 'stopped';
  }
  signal(pid, 'SIGKILL');
  for (let waited = 0; waited < 2_000; waited += 50) {
    await opts.sleep(50);
    if (!(await isOurProcess(pid, startTime))) return 'killed';
  }
  return 'killed';
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone between the check and the signal.
  }
}

/** The native backend's process operations, injectable so `up` and `down` can be tested in process. */
export interface ProcessControl {
  start(spec: ProcessSpec, logFile: string): Promise<StartedProcess>;
  isOurs(pid: number, startTime: string | undefined): Promise<boolean>;
  stop(
    pid: number,
    startTime: string | undefined,
    opts: { timeoutMs: number; sleep: (ms: number) => Promise<void> },
  ): Promise<'stopped' | 'killed' | 'not running'>;
}

export const nodeProcesses: ProcessControl = {
  start: startDetached,
  isOurs: isOurProcess,
  stop: stopProcess,
};
