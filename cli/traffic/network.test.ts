// The two pieces that touch the network: the one-shot probe and the sender of the run.
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-port.js';
import { ExitCode, UpstreamError } from '../errors.js';
import { httpRequest } from '../http/fetch-json.js';
import { probeApp, probeTimeoutMs } from './probe.js';
import { createSender } from './sender.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

async function probeError(baseUrl: string): Promise<UpstreamError> {
  const error = await probeApp(httpRequest, baseUrl, new AbortController().signal).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('probeApp', () => {
  it('accepts an app whose /health answers 200', async () => {
    const url = await listen(http.createServer((_req, res) => res.end('{"status":"healthy"}')));
    await expect(probeApp(httpRequest, url, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('fails at once, exit 3 with a hint, when nothing listens', async () => {
    // "connection refused", not a timeout: it gave up at once.
    const error = await probeError(`http://127.0.0.1:${await freePort()}`);
    expect(error.exitCode).toBe(ExitCode.upstream);
    expect(error.message).toMatch(/webapp did not answer at .*\/health: connection refused/);
    expect(error.hint).toContain('workshop up');
  });

  it('gives up after its short timeout when the app accepts but never answers', async () => {
    const sockets: net.Socket[] = [];
    const url = await listen(net.createServer((s) => sockets.push(s)));
    closers.unshift(async () => {
      for (const s of sockets) s.destroy();
    });
    const error = await probeError(url);
    expect(error.message).toContain(`no answer within ${probeTimeoutMs} ms`);
  });

  it('says what answered when /health is not 200', async () => {
    const url = await listen(
      http.createServer((_req, res) => {
        res.statusCode = 404;
        res.end();
      }),
    );
    expect((await probeError(url)).message).toContain('the webapp answered 404 to GET');
  });
});

describe('createSender', () => {
  it('reports a request with no response as status 0 with the reason', async () => {
    const sender = createSender(`http://127.0.0.1:${await freePort()}`, 2);
    closers.push(() => sender.close());
    const result = await sender.send(
      { path: '/health', query: '', delaySeconds: undefined },
      new AbortController().signal,
    );
    expect(result).toEqual({ status: 0, error: 'connection refused (is it running?)' });
  });

  it('keeps the base URL path and sends the query as planned', async () => {
    const seen: string[] = [];
    const url = await listen(
      http.createServer((req, res) => {
        seen.push(req.url ?? '');
        res.statusCode = 418;
        res.end('x'.repeat(300_000)); // larger than undici's dump limit: must not fail the request
      }),
    );
    const sender = createSender(`${url}/app/`, 2);
    closers.push(() => sender.close());
    const result = await sender.send(
      { path: '/error', query: 'rate=90', delaySeconds: undefined },
      new AbortController().signal,
    );
    expect(result).toEqual({ status: 418 });
    expect(seen).toEqual(['/app/error?rate=90']);
  });

  it('cuts off requests in flight, and those still queued, when the signal aborts', async () => {
    const sockets: net.Socket[] = [];
    let requestsReceived = 0;
    const url = await listen(
      net.createServer((s) => {
        sockets.push(s);
        s.on('data', (chunk: Buffer) => {
          requestsReceived += chunk.toString().split('GET ').length - 1;
        });
      }),
    );
    closers.unshift(async () => {
      for (const s of sockets) s.destroy();
    });
    const sender = createSender(url, 1);
    closers.push(() => sender.close());
    const stop = new AbortController();
    const health = { path: '/health', query: '', delaySeconds: undefined };
    const answers = [sender.send(health, stop.signal), sender.send(health, stop.signal)];
    // Once the first request has arrived (the second waits in the pool for the only connection).
    while (requestsReceived < 1) await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    expect(await Promise.all(answers)).toEqual([
      { status: 0, error: 'cut off when the run was stopped' },
      { status: 0, error: 'cut off when the run was stopped' },
    ]);
    // The queued one never went out.
    expect(requestsReceived).toBe(1);
  });
});
