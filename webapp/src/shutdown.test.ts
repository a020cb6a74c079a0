import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { httpGet } from '../test/harness.js';
import { exitCodeBadConfig, type MainIo, main } from './main.js';

/** A MainIo that records output and hands signal handlers to the test instead of the process. */
function fakeIo(env: Record<string, string>) {
  const handlers = new Map<string, () => void>();
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: MainIo = {
    env,
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    exit: (code) => exited(code),
    onSignal: (signal, handler) => handlers.set(signal, handler),
  };
  return { io, exit, stdout, stderr, signal: (name: string) => handlers.get(name)?.() };
}

describe('main (in-process)', () => {
  it('on SIGTERM lets the in-flight request finish, refuses new connections, and exits 0', async () => {
    const fake = fakeIo({ PORT: '0', HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: '5000' });
    const running = await main(fake.io);
    if (!running) throw new Error('main did not start');
    expect(fake.stdout).toEqual([`webapp listening on ${running.url}`]);

    const arrived = new Promise((resolve) => running.server.once('request', resolve));
    const inFlight = httpGet(`${running.url}/delay?seconds=0.5`);
    await arrived;
    fake.signal('SIGTERM');

    await expect(httpGet(`${running.url}/health`, { timeoutMs: 2000 })).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ message: 'Delayed response after 0.5 seconds', delay: 0.5 });
    expect(await fake.exit).toBe(0);
    expect(fake.stderr).toEqual(['webapp: stopped']);
  });

  it('cuts off requests still running after SHUTDOWN_TIMEOUT_MS, then exits 0', async () => {
    const fake = fakeIo({ PORT: '0', SHUTDOWN_TIMEOUT_MS: '200' });
    const running = await main(fake.io);
    if (!running) throw new Error('main did not start');
    const arrived = new Promise((resolve) => running.server.once('request', resolve));
    const inFlight = httpGet(`${running.url}/delay?seconds=30`).then(
      () => 'answered',
      () => 'cut off',
    );
    await arrived;
    fake.signal('SIGINT');
    // Exits long before the 30 s delay: the in-flight request is cut off after the 200 ms budget.
    expect(await fake.exit).toBe(0);
    expect(await inFlight).toBe('cut off');
    expect(fake.stderr).toEqual(['webapp: stopped; requests still running after 200 ms were cut off']);
  });

  it('refuses a bad environment with one line on stderr and exit code 2', async () => {
    const fake = fakeIo({ PORT: 'eighty' });
    expect(await main(fake.io)).toBeUndefined();
    expect(await fake.exit).toBe(exitCodeBadConfig);
    expect(fake.stderr).toEqual([
      'webapp: invalid environment: PORT must be an integer from 0 to 65535 (got "eighty")',
    ]);
    expect(fake.stdout).toEqual([]);
  });
});

describe('server.ts (child process)', () => {
  it('on SIGTERM finishes the in-flight request and exits 0', async () => {
    // vite-node runs the TypeScript source directly: this test never depends on a (possibly stale) build.
    const viteNode = fileURLToPath(new URL('../../node_modules/vite-node/vite-node.mjs', import.meta.url));
    const child = spawn(
      process.execPath,
      [viteNode, fileURLToPath(new URL('./server.ts', import.meta.url))],
      {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /webapp listening on (\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
      });
      const inFlight = httpGet(`${url}/delay?seconds=0.6`);
      // The child announces nothing per request; 300 ms on loopback is ample for the request to arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
