import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Exec } from '../exec.js';
import { composeRunner } from '../stack/compose.js';
import type { QueryLogLocation } from '../stack/state.js';

/** Where the query log's bytes come from: a file here (native), or inside the compose stack's container. */
export interface QueryLogSource {
  /** Its size and an identity that changes when the file is replaced; undefined while there is none. */
  stat(): Promise<{ size: number; identity: string } | undefined>;
  /** Every complete line from byte `offset` on, in order; resolves to the bytes those lines took. */
  lines(offset: number, onLine: (line: string) => void): Promise<number>;
}

/** Splits a byte stream into lines, keeping count of the bytes of complete lines only. */
function lineSplitter(onLine: (line: string) => void) {
  let rest = Buffer.alloc(0);
  let consumed = 0;
  return {
    push(chunk: Buffer) {
      let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
        const line = buf.subarray(0, nl).toString('utf8');
        consumed += nl + 1;
        if (line.trim()) onLine(line);
        buf = buf.subarray(nl + 1);
      }
      // A line still being written has no newline yet: it is read next time, whole.
      rest = Buffer.from(buf);
    },
    consumed: () => consumed,
  };
}

async function firstLineHash(file: string): Promise<string> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return '';
  try {
    const buf = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buf, 0, 256, 0);
    return createHash('sha1').update(buf.subarray(0, bytesRead)).digest('hex').slice(0, 12);
  } finally {
    await handle.close();
  }
}

/** The native backend's log: streamed from the offset, so a large log never sits in memory. */
export function fileSource(file: string): QueryLogSource {
  return {
    async stat() {
      const info = await stat(file).catch(() => undefined);
      if (!info) return undefined;
      // The inode alone is not enough: a file deleted and written again may get the same one.
      return { size: info.size, identity: `${info.dev}:${info.ino}:${await firstLineHash(file)}` };
    },
    lines(offset, onLine) {
      const splitter = lineSplitter(onLine);
      return new Promise((resolve, reject) => {
        createReadStream(file, { start: offset })
          .on('data', (chunk) => splitter.push(chunk as Buffer))
          .on('end', () => resolve(splitter.consumed()))
          .on('error', reject);
      });
    },
  };
}

/**
 * The compose stack's log, inside the prometheus container's data volume (root-only on the
 * host, or inside Docker Desktop's VM): read through `docker compose exec`.
 */
export function composeSource(
  run: (args: string[]) => Promise<{ exitCode: number; stdout: string }>,
  file: string,
): QueryLogSource {
  return {
    async stat() {
      const r = await run(['exec', '-T', 'prometheus', 'stat', '-c', '%s %i', file]);
      const [size, inode] = r.stdout.trim().split(' ');
      return r.exitCode === 0 && size !== undefined
        ? { size: Number(size), identity: `compose:${inode}` }
        : undefined;
    },
    async lines(offset, onLine) {
      const r = await run(['exec', '-T', 'prometheus', 'tail', '-c', `+${offset + 1}`, file]);
      if (r.exitCode !== 0) return 0;
      const splitter = lineSplitter(onLine);
      splitter.push(Buffer.from(r.stdout, 'utf8'));
      return splitter.consumed();
    },
  };
}

/** The source for a recorded stack, or undefined when workshop did not start this Prometheus. */
export async function sourceFor(
  location: QueryLogLocation | undefined,
  exec: Exec,
): Promise<QueryLogSource | undefined> {
  if (!location) return undefined;
  if (location.kind === 'file') return fileSource(location.path);
  const compose = await composeRunner(exec);
  return composeSource((args) => compose.run(args, 10_000), location.path);
}
