import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach } from 'vitest';
import { type AppDeps, createApp, type WebApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';

/** The default config with test-friendly limits: ephemeral port, short memory hold, no StatsD. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ PORT: '0', MEMORY_HOLD_MS: '50' }), ...overrides };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface TestApp {
  url: string;
  webapp: WebApp;
  server: Server;
  get(path: string, opts?: { method?: string; timeoutMs?: number }): Promise<HttpResult>;
  /** GET path and parse the JSON body; fails the test if the body is not JSON. */
  json(
    path: string,
    opts?: { method?: string },
  ): Promise<{ status: number; body: unknown; headers: HttpResult['headers'] }>;
  close(): Promise<void>;
}

/** One HTTP exchange with a deadline. */
export async function httpGet(
  url: string,
  opts: { method?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const res = await request(url, {
    method: (opts.method ?? 'GET') as 'GET',
    signal: AbortSignal.timeout(timeoutMs),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

/** Builds the app and serves it on 127.0.0.1, port 0; close() stops both. */
export async function startTestApp(config: Config = testConfig(), deps: AppDeps = {}): Promise<TestApp> {
  const webapp = createApp(config, { log: () => {}, ...deps });
  const server = webapp.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string, opts?: { method?: string; timeoutMs?: number }) =>
    httpGet(`${url}${path}`, opts);
  return {
    url,
    webapp,
    server,
    get,
    async json(path, opts) {
      const res = await get(path, opts);
      return { status: res.status, headers: res.headers, body: JSON.parse(res.text) as unknown };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await webapp.close();
    },
  };
}

/** Polls `condition` until it holds or `timeoutMs` passes; for states no event announces. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** startTestApp for a file that builds an app per test: every app is closed after each test. */
export function appsClosedAfterEach(): typeof startTestApp {
  const apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });
  return async (...args) => {
    const app = await startTestApp(...args);
    apps.push(app);
    return app;
  };
}
