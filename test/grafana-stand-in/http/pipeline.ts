import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../auth/basic-auth.js';
import { healthReply } from '../routes/health.js';
import type { StandInState } from '../state.js';
import { readRawBody } from './read-body.js';
import { ApiError, type Reply } from './reply.js';
import { findRoute, type Route } from './router.js';
import { writeReply } from './write-reply.js';

/** HTTPServer.NotFoundHandler answers API paths with c.JsonApiErr(404, "Not found"). */
const notFound: Reply = { status: 404, charset: true, body: { message: 'Not found' } };

/**
 * One request through Grafana's middleware order (pkg/api/http_server.go): the health handler first,
 * then the context handler authenticates whatever credentials came (a wrong password counts as a
 * failed login even on a path that does not exist), then the router. Unknown paths and known paths
 * with another method both end in the NotFound handler; only routes that exist demand a signed-in user.
 */
export async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  state: StandInState,
  routes: readonly Route[],
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    // Go's net/http decodes the path before Grafana's router sees it: an encoded "/" (%2F) in a
    // segment becomes a separator (terraform-provider-grafana#1837).
    const pathname = safeDecode(url.pathname);
    const method = req.method ?? 'GET';
    if ((method === 'GET' || method === 'HEAD') && url.pathname === '/api/health') {
      writeReply(res, healthReply(state.behaviour.fullVersion));
      return;
    }
    const rawBody = await readRawBody(req);
    const auth = authenticate(req.headers, state.admin, state.loginAttempts);
    const match = findRoute(routes, method, pathname);
    if (!match) {
      writeReply(
        res,
        pathname.startsWith('/api') ? notFound : { status: 404, charset: true, body: 'Not found' },
      );
      return;
    }
    if (!auth.ok) {
      writeReply(res, auth.reply);
      return;
    }
    const reply = await match.route.handler({
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
    });
    writeReply(res, reply);
  } catch (err) {
    if (err instanceof ApiError) {
      writeReply(res, err.reply);
      return;
    }
    writeReply(res, { status: 500, body: { message: 'Internal Server Error' } });
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
