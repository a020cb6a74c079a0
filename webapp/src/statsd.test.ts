import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, testConfig, waitFor } from '../test/harness.js';

let socket: Socket;
let port: number;
let lines: string[];

beforeEach(async () => {
  lines = [];
  socket = createSocket('udp4');
  socket.on('message', (msg) => lines.push(...msg.toString().split('\n').filter(Boolean)));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  port = (socket.address() as AddressInfo).port;
});
afterEach(() => {
  socket.close();
});

describe('StatsD', () => {
  it('sends a counter and a timing per request, tagged method, path and status; never for /metrics', async () => {
    const app = await startTestApp(testConfig({ statsdHost: '127.0.0.1', statsdPort: port }));
    try {
      await app.get('/metrics');
      await app.get('/');
      await app.get('/users');
      await app.get('/delay?seconds=0.05');
      await waitFor(() => lines.length >= 6, 5000, 'six StatsD lines');
    } finally {
      await app.close();
    }
    const counters = lines.filter((l) => l.startsWith('webapp.http_requests:'));
    expect(counters).toEqual([
      'webapp.http_requests:1|c|#method:GET,path:/,status:200',
      'webapp.http_requests:1|c|#method:GET,path:/users,status:404',
      'webapp.http_requests:1|c|#method:GET,path:/delay,status:200',
    ]);
    const timings = lines
      .filter((l) => l.startsWith('webapp.http_request_duration:'))
      .map((l) => /^webapp\.http_request_duration:([\d.]+)\|ms\|#(.*)$/.exec(l));
    expect(timings.map((m) => m?.[2])).toEqual([
      'method:GET,path:/,status:200',
      'method:GET,path:/users,status:404',
      'method:GET,path:/delay,status:200',
    ]);
    expect(Number(timings[2]?.[1])).toBeGreaterThanOrEqual(45); // milliseconds, not seconds
    expect(lines).toHaveLength(6);
  });

  it('sends nothing when STATSD_HOST is unset', async () => {
    const app = await startTestApp(testConfig({ statsdHost: undefined, statsdPort: port }));
    await app.get('/');
    await app.get('/users');
    await app.close(); // would flush any buffered StatsD lines
    // Absence has no event to wait for: allow a datagram time to arrive on loopback.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines).toEqual([]);
  });

  it('survives an unreachable StatsD host', async () => {
    const app = await startTestApp(testConfig({ statsdHost: 'statsd.invalid', statsdPort: port }));
    try {
      for (let i = 0; i < 3; i++) expect((await app.get('/health')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
