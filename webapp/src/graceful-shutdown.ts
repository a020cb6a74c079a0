import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How often idle keep-alive connections are closed while draining. */
const idleSweepMs = 50;

export type ShutdownOutcome = 'drained' | 'forced';

/**
 * Stops accepting connections and lets in-flight requests finish, for at most `timeoutMs`; then closes
 * whatever is left. Node's server.close() alone would keep each keep-alive connection open for its idle
 * timeout after its last response, so idle connections are swept as soon as they become idle, and
 * requests that still arrive on open connections are told `Connection: close`.
 */
export async function drainServer(server: Server, timeoutMs: number): Promise<ShutdownOutcome> {
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Connection', 'close');
  });
  const closed = new Promise<void>((resolve) => {
    server.close(() => resolve());
  });
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), idleSweepMs);
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'forced'>((resolve) => {
    deadline = setTimeout(() => resolve('forced'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([closed.then(() => 'drained' as const), timedOut]);
    if (outcome === 'forced') {
      server.closeAllConnections();
      await closed;
    }
    return outcome;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
