import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { findPortHolder, isPortFree, listeningInodes } from './ports.js';

// Lines as the Linux kernel prints /proc/net/tcp.
const table = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:2382 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 52841 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0BB9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 52900 1 0000000000000000 100 0 0 10 0
   2: 0100007F:2382 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 53000 1 0000000000000000 20 4 30 10 -1`;

describe('listeningInodes', () => {
  it('finds only sockets listening on the port', () => {
    expect(listeningInodes(table, 9090)).toEqual(['52841']);
    expect(listeningInodes(table, 3001)).toEqual(['52900']);
    expect(listeningInodes(table, 3000)).toEqual([]);
  });
});

describe('isPortFree / findPortHolder', () => {
  it('tells a taken port and who holds it', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      expect(await isPortFree(port)).toBe(false);
      const holder = await findPortHolder(port);
      expect(holder?.pid).toBe(process.pid);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await isPortFree(port)).toBe(true);
  });
});
