import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Context } from '../context.js';
import { StackError } from '../errors.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves until Ctrl-C / SIGTERM (the exporter, the class board). A taken port or an address
 * this machine does not have is exit 3, with `hint`. `onListening` gets the URL, port included
 * (port 0 picks a free one).
 */
export async function serveUntilStopped(
  ctx: Context,
  handler: Handler,
  where: { host: string; port: number; hint: string },
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
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StackError(`cannot serve on ${where.host}:${where.port}: ${error.code ?? error.message}`, {
          hint: where.hint,
        }),
      ),
    );
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
