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
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
