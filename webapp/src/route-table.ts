import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { methodNotAllowed } from './error-handlers.js';

/**
 * Serves a fixed table of GET routes with one exact Map lookup, instead of Express's router testing a
 * regular expression per route and method on every request. Exact matching is also Flask's: `/health/`
 * and `/HEALTH` are not `/health`. Other methods on a known path get 405; unknown paths fall through.
 */
export function routeTable(routes: ReadonlyMap<string, RequestHandler>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const handler = routes.get(req.path);
    if (!handler) {
      next();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      methodNotAllowed(req, res, next);
      return;
    }
    try {
      // Async handlers: a rejection goes to the error handler, as Express's router would do.
      const result: unknown = handler(req, res, next);
      if (result instanceof Promise) result.catch(next);
    } catch (error) {
      next(error);
    }
  };
}
