import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeExec, runInProcess } from '../../test/helpers/in-process.js';
import { resolveStackConfig } from '../stack/config.js';
import { findPortHolder, isPortFree } from '../stack/ports.js';
import { stackPorts } from '../stack/requirements.js';

// preflight --backend compose beside its own running stack, with the docker runner injected: its
// answers are what engine 20.10 and Compose 2.40.3 printed for the running workshop stack.
const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/docker');
const psHealthy = readFileSync(path.join(fixtures, 'compose-ps-healthy.jsonl'), 'utf8');
const config = readFileSync(path.join(fixtures, 'compose-config.json'), 'utf8');

interface Item {
  name: string;
  ok: boolean;
  detail: string;
}

function docker(opts: { ps: () => string; up?: { exitCode: number; stderr: string } }) {
  return fakeExec((cmd, args) => {
    if (cmd !== 'docker') return undefined;
    const line = args.join(' ');
    if (line === 'info --format {{.ServerVersion}}') return { stdout: '20.10.24+dfsg1\n' };
    if (line === 'compose version --short') return { stdout: '2.40.3-3\n' };
    if (args[0] === 'image') return { stdout: 'sha256:0b4d70ef058b\n' };
    if (args.includes('config')) return { stdout: config };
    if (args.includes('ps')) return { stdout: opts.ps() };
    if (args.includes('up')) return opts.up ?? { exitCode: 0, stderr: '' };
    if (args.includes('down') || args.includes('logs')) return { stdout: '' };
    return undefined;
  });
}

/** Holds a loopback TCP port, as docker-proxy holds a published one. */
async function hold(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((r) => server.close(() => r())) };
}

describe('preflight --backend compose and its own stack', () => {
  it("calls the ports its own running services hold theirs, and a stranger's port still taken", async () => {
    const prometheus = await hold();
    const grafana = await hold();
    try {
      // ps says prometheus runs (grafana too, in the recording): stop grafana to make its port a stranger's.
      const ps = psHealthy
        .split('\n')
        .filter((l) => !l.includes('"Service":"grafana"'))
        .join('\n');
      const { exec } = docker({ ps: () => ps });
      const r = await runInProcess(
        [
          'preflight',
          '--backend',
          'compose',
          '--json',
          '--prometheus-url',
          `http://localhost:${prometheus.port}`,
          '--grafana-url',
          `http://localhost:${grafana.port}`,
        ],
        { exec },
      );
      const items = JSON.parse(r.stdout).items as Item[];
      const port = (n: number) => items.find((i) => i.name.startsWith(`port ${n} `));
      expect(port(prometheus.port)).toMatchObject({
        ok: true,
        detail: 'in use by the running workshop stack',
      });
      expect(port(grafana.port)).toMatchObject({ ok: false, detail: expect.stringMatching(/^taken/) });
      expect(r.exitCode).toBe(1);
    } finally {
      await prometheus.close();
      await grafana.close();
    }
  });

  it('lists every port the compose stack publishes: progress 9199, statsd 9125/udp, the grading 9091', () => {
    const ports = stackPorts('compose', resolveStackConfig({}, {}, '/tmp').urls).map(
      (p) => `${p.port}/${p.protocol} ${p.service}`,
    );
    expect(ports).toEqual(
      expect.arrayContaining([
        '9199/tcp progress',
        '9125/udp statsd',
        '9091/tcp grading',
        '9090/tcp prometheus',
      ]),
    );
  });

  it('when its up fails, stops what that up started', async () => {
    const { exec, calls } = docker({
      ps: () => '',
      up: { exitCode: 1, stderr: 'dependency failed to start: container prometheus-webapp is unhealthy' },
    });
    // Ports of this test's own choosing, so that nothing on the machine makes them "taken".
    const free = await hold();
    await free.close();
    const r = await runInProcess(
      ['preflight', '--backend', 'compose', '--json', '--prometheus-url', `http://localhost:${free.port}`],
      { exec },
    );
    const items = JSON.parse(r.stdout).items as Item[];
    const blocked = items.filter((i) => !i.ok && i.name.startsWith('port '));
    if (blocked.length) throw new Error(`this machine holds a workshop port: ${JSON.stringify(blocked)}`);
    expect(items.find((i) => i.name === 'stack up, every target healthy')).toMatchObject({ ok: false });
    expect(calls.filter((c) => / (up|down)\b/.test(c)).map((c) => c.replace(/.* (up|down)/, '$1'))).toEqual([
      'up -d --wait --wait-timeout 120',
      'down',
    ]);
  });
});

describe('ports over UDP', () => {
  it('tells a bound UDP port and who holds it', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    const { port } = socket.address();
    try {
      expect(await isPortFree(port, '127.0.0.1', 'udp')).toBe(false);
      expect((await findPortHolder(port, 'udp'))?.pid).toBe(process.pid);
      // The same number over TCP is another port.
      expect(await isPortFree(port, '127.0.0.1', 'tcp')).toBe(true);
    } finally {
      await new Promise<void>((r) => socket.close(() => r()));
    }
    expect(await isPortFree(port, '127.0.0.1', 'udp')).toBe(true);
  });
});
