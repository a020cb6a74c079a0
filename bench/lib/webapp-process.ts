import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { webappNodeFlags } from '../../webapp/src/node-flags.js';

const builtServer = fileURLToPath(new URL('../../dist/webapp/src/server.js', import.meta.url));

export interface WebappProcess {
  url: string;
  pid: number;
  /** Resident set size of the server process, from /proc/<pid>/status. */
  rssMb(): Promise<number>;
  /** CPU time (user + system) the server process has used, from /proc/<pid>/stat. */
  cpuSeconds(): Promise<number>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the built webapp on a free loopback port (PORT=0) and waits for its "listening" line. */
export async function startBuiltWebapp(env: Record<string, string>): Promise<WebappProcess> {
  const child: ChildProcess = spawn(process.execPath, [...webappNodeFlags, builtServer], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /webapp listening on (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`webapp exited with ${code} before listening`)));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('webapp has no pid');
  return {
    url,
    pid,
    async rssMb() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
      return Number(kb) / 1024;
    },
    async cpuSeconds() {
      // Fields 14 and 15 (utime, stime) after the parenthesised command name, in clock ticks;
      // Linux reports them at USER_HZ, which is 100 on every mainstream architecture.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
