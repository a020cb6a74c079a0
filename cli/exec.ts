import { execa } from 'execa';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; never throws for a non-zero exit (callers decide), always has a deadline. */
export type Exec = (
  command: string,
  args: string[],
  opts?: { timeoutMs?: number; cwd?: string; env?: Record<string, string> },
) => Promise<ExecResult>;

export const nodeExec: Exec = async (command, args, opts = {}) => {
  const r = await execa(command, args, {
    reject: false,
    timeout: opts.timeoutMs ?? 30_000,
    cwd: opts.cwd,
    ...(opts.env ? { env: opts.env } : {}),
    stdin: 'ignore',
  });
  // A missing binary has no exit code: report it as 127, as a shell would.
  const stderr = r.exitCode === undefined ? (r.shortMessage ?? '') : String(r.stderr ?? '');
  return { exitCode: r.exitCode ?? 127, stdout: String(r.stdout ?? ''), stderr };
};
