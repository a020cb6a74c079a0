import type { ServerResponse } from 'node:http';
import type { Reply } from './reply.js';

// Headers Grafana's middleware adds to every API answer (pkg/middleware/middleware.go AddDefaultResponseHeaders).
const DEFAULT_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'deny',
  'X-Xss-Protection': '1; mode=block',
};

export function writeReply(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(DEFAULT_HEADERS)) res.setHeader(name, value);
  if (reply.body === undefined || reply.status === 204) {
    res.end();
    return;
  }
  // ctx.JSON streams through json.Encoder, which ends the body with a newline; response.JSON does not.
  const text = reply.charset ? `${JSON.stringify(reply.body)}\n` : JSON.stringify(reply.body);
  res.setHeader('Content-Type', reply.charset ? 'application/json; charset=UTF-8' : 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
