import dgram from 'node:dgram';
import { readdir, readFile, readlink } from 'node:fs/promises';
import net from 'node:net';

export type Protocol = 'tcp' | 'udp';

/** Whether host:port can be bound right now. */
export function isPortFree(port: number, host = '127.0.0.1', protocol: Protocol = 'tcp'): Promise<boolean> {
  return new Promise((resolve) => {
    if (protocol === 'udp') {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => resolve(true)));
      return;
    }
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export interface PortHolder {
  pid: number;
  command: string;
}

/** Who listens on a port, from /proc (Linux); undefined when it cannot be told. */
export async function findPortHolder(
  port: number,
  protocol: Protocol = 'tcp',
): Promise<PortHolder | undefined> {
  const inodes = new Set<string>();
  for (const table of [`/proc/net/${protocol}`, `/proc/net/${protocol}6`]) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const inode of listeningInodes(text, port, protocol)) inodes.add(inode);
  }
  if (inodes.size === 0) return undefined;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((d) => /^\d+$/.test(d));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = link.match(/^socket:\[(\d+)\]$/)?.[1];
      if (inode && inodes.has(inode)) {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        return { pid: Number(pid), command: cmdline.split('\0').filter(Boolean).join(' ') || '?' };
      }
    }
  }
  return undefined;
}

/**
 * Socket inodes bound to the given local port, from a /proc/net/tcp or udp table: in LISTEN state
 * (st 0A) for TCP, unconnected (st 07) for UDP.
 */
export function listeningInodes(table: string, port: number, protocol: Protocol = 'tcp'): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const state = protocol === 'udp' ? '07' : '0A';
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === state)
    .map((f) => f[9] ?? '')
    .filter(Boolean);
}
