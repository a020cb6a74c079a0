import type { IncomingMessage, ServerResponse } from 'node:http';
import { boardPage, boardTable } from './board-page.js';
import type { ClassGrid } from './grid.js';

export interface BoardDeps {
  title: string;
  read(): Promise<ClassGrid>;
  /** An empty grid (the roster, nothing seen) for when the class Prometheus does not answer. */
  empty(): ClassGrid;
  ttlMs: number;
  now(): number;
}

/**
 * The class board's HTTP handler. Every viewer shares one read of the class Prometheus per
 * second, so a room full of browsers costs the same as one.
 */
export function boardHandler(deps: BoardDeps) {
  let last: { atMs: number; result: Promise<{ grid: ClassGrid; problem?: string }> } | undefined;
  const current = () => {
    if (last && deps.now() - last.atMs < deps.ttlMs) return last.result;
    const result = deps.read().then(
      (grid): { grid: ClassGrid; problem?: string } => ({ grid }),
      (error: Error) => ({
        grid: deps.empty(),
        problem: `the class Prometheus does not answer: ${error.message}`,
      }),
    );
    last = { atMs: deps.now(), result };
    return result;
  };
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', 'http://board');
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'only GET\n');
    if (pathname === '/-/healthy') return send(res, 200, 'text/plain', 'Healthy\n');
    // The page declares no icon (data:,); a browser that asks anyway gets an empty answer, not a 404.
    if (pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (!['/', '/table', '/grid.json'].includes(pathname)) return send(res, 404, 'text/plain', 'not found\n');
    const { grid, problem } = await current();
    if (pathname === '/grid.json')
      return send(res, 200, 'application/json', `${JSON.stringify(problem ? { ...grid, problem } : grid)}\n`);
    if (pathname === '/table') return send(res, 200, 'text/html; charset=utf-8', boardTable(grid, problem));
    return send(res, 200, 'text/html; charset=utf-8', boardPage(grid, deps.title, problem));
  };
}
