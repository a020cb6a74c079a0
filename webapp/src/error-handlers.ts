import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from './http-error.js';
import { sendJson } from './send-json.js';

/** Longest request path echoed back in a 404 body. */
const maxEchoedPath = 200;

/** Every path the app does not know: JSON, never Express's HTML page. */
export const notFound: RequestHandler = (req, res) => {
  sendJson(res, 404, { error: 'Not found', path: req.path.slice(0, maxEchoedPath) });
};

/** A known path asked with another method than GET/HEAD: 405 with Allow, as Flask does. */
export const methodNotAllowed: RequestHandler = (req, res) => {
  res.setHeader('Allow', 'GET, HEAD');
  sendJson(res, 405, { error: `Method ${req.method} not allowed on ${req.path}; use GET` });
};

/**
 * The last handler: turns any error into JSON without a stack trace. HttpErrors and Express's own 4xx
 * errors keep their status; anything else is a bug, answered 500, logged, and flagged on res.locals so
 * `flask_http_request_exceptions_total` counts it.
 */
export function jsonErrorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err); // too late for a JSON body: Express closes the connection
      return;
    }
    if (err instanceof HttpError) {
      res.set(err.headers);
      sendJson(res, err.status, { error: err.message });
      return;
    }
    const status = clientErrorStatus(err);
    if (status !== undefined) {
      const exposed = (err as { expose?: unknown; message?: unknown }).expose === true;
      const message = exposed ? String((err as Error).message) : (STATUS_CODES[status] ?? 'Bad request');
      sendJson(res, status, { error: message });
      return;
    }
    res.locals.unhandledError = true;
    log(
      `webapp: unhandled error on ${req.method} ${req.path}: ${err instanceof Error ? err.message : String(err)}`,
    );
    sendJson(res, 500, { error: 'Internal server error' });
  };
}

/** The 4xx status that http-errors style errors (body parsing, bad encodings) carry, if any. */
function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}
