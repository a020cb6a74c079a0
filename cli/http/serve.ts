import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Context } from '../context.js';
import { StackError, UsageError } from '../errors.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves until Ctrl-C / SIGTERM (the exporter, the class board). A taken port is exit 3, with
 * `busyHint`; an address this machine does not have is the user's to fix (exit 2). `onListening` gets the URL, port included
 * (port 0 picks a free one).
 */
export async function serveUntilStopped(
  ctx: Context,
  handler: Handler,
  where: { host: string; port: number; busyHint: string },
  onListening: (url: string) => void,
): Promise<void> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: Error) => {
      ctx.stderr.write(`workshop: ${error.message}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(where, error)));
    server.listen(where.port, where.host, resolve);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : where.port;
  onListening(`http://${where.host.includes(':') ? `[${where.host}]` : where.host}:${bound}/`);
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

function listenError(where: { host: string; port: number; busyHint: string }, error: NodeJS.ErrnoException) {
  const at = `cannot serve on ${where.host}:${where.port}`;
  if (error.code === 'EADDRNOTAVAIL')
    return new UsageError(
      `${at}: ${where.host} is not an address of this machine`,
      'use 127.0.0.1, or 0.0.0.0 for every address',
    );
  if (error.code === 'EADDRINUSE')
    return new StackError(`${at}: the port is taken`, { hint: where.busyHint });
  if (error.code === 'EACCES')
    return new StackError(`${at}: permission denied`, {
      hint: 'ports below 1024 need root: choose another --port',
    });
  return new StackError(`${at}: ${error.code ?? error.message}`);
}
