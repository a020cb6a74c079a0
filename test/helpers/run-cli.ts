import path from 'node:path';
import { execa } from 'execa';

export const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'cli', 'bin', 'workshop.js');

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI exactly as a user would (`npm test` builds it first). */
export async function runCli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const r = await execa(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? root,
    env: { NO_COLOR: '1', ...opts.env },
    reject: false,
    timeout: opts.timeoutMs ?? 60_000,
    stdin: 'ignore',
  });
  const stderr = String(r.stderr);
  assertNoNodeWarning(args, stderr);
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr };
}

/**
 * Node's own warnings (MaxListenersExceededWarning, a deprecation, …) are a bug of ours that the
 * user sees on stderr: every run of the CLI in the tests fails on one.
 */
export function assertNoNodeWarning(args: string[], stderr: string): void {
  const warning = stderr.match(/^\(node:\d+\) .*Warning.*$/m);
  if (warning) throw new Error(`workshop ${args.join(' ')} printed a Node warning: ${warning[0]}`);
}
