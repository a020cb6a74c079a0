import type { RequestHandler } from 'express';
import type { RequestObserver } from './request-sample.js';

/**
 * Middleware that times every request and hands the result to the observers when the response is
 * finished. `untracked` paths (the `/metrics` scrape) are not observed at all, as in the original.
 * Responses that never finish (the client went away first) are not recorded.
 */
export function recordRequests(
  observers: readonly RequestObserver[],
  labelPath: (path: string) => string,
  untracked: ReadonlySet<string>,
): RequestHandler {
  return (req, res, next) => {
    const path = req.path;
    if (untracked.has(path)) {
      next();
      return;
    }
    const start = performance.now();
    res.on('finish', () => {
      const sample = {
        method: req.method,
        path: labelPath(path),
        status: String(res.statusCode),
        seconds: (performance.now() - start) / 1000,
        unhandledError: res.locals.unhandledError === true,
      };
      for (const observer of observers) observer.observe(sample);
    });
    next();
  };
}
