import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * Serves Prometheus API responses recorded from the real Prometheus (cli/checks/fixtures), so the
 * real client and its zod schemas parse them. Routes: "<path> <query>" (query or match[] param),
 * falling back to "<path>"; anything else answers the recorded empty vector.
 */
export async function recordedPrometheus(
  routes: Record<string, string>,
): Promise<{ url: string; close(): Promise<void>; seen: string[] }> {
  const dir = path.resolve(import.meta.dirname, '../../cli/checks/fixtures');
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = new URLSearchParams(body || url.search);
      const key = `${url.pathname} ${params.get('query') ?? params.get('match[]') ?? ''}`.trim();
      seen.push(key);
      const fixture = routes[key] ?? routes[url.pathname] ?? 'query-empty.json';
      const text = readFileSync(path.join(dir, fixture), 'utf8');
      res.writeHead(JSON.parse(text).status === 'error' ? 400 : 200, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
