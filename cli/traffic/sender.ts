import { type Dispatcher, Pool } from 'undici';
import { describeNetworkError } from '../http/fetch-json.js';
import { requestTarget } from './requests.js';
import type { Send } from './run.js';

export interface Sender {
  send: Send;
  close(): Promise<void>;
}

/** How long any response may take on top of the delay it asked for. */
export const responseMarginMs = 10_000;

const cutOffMessage = 'cut off when the run was stopped';

/**
 * One keep-alive connection pool to the app, sized to the concurrency, so a busy run reuses
 * sockets instead of opening one per request. Each request's deadline is its /delay plus a margin.
 * It uses undici's dispatch API: no response stream per request, a third less CPU than `request`.
 */
export function createSender(baseUrl: string, connections: number): Sender {
  const url = new URL(baseUrl);
  // An app URL with a path (behind a proxy) keeps it in front of every request path.
  const prefix = url.pathname.replace(/\/+$/, '');
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  const started = new Set<Dispatcher.DispatchController>();
  // One listener per signal, not per request: aborting it cuts off every request in flight.
  const watched = new WeakSet<AbortSignal>();
  const watch = (signal: AbortSignal) => {
    if (watched.has(signal)) return;
    watched.add(signal);
    signal.addEventListener('abort', () => {
      for (const controller of started) controller.abort(new Error(cutOffMessage));
    });
  };

  const send: Send = (request, signal) => {
    watch(signal);
    const timeoutMs = responseMarginMs + (request.delaySeconds ?? 0) * 1000;
    return new Promise((resolve) => {
      let status = 0;
      let current: Dispatcher.DispatchController | undefined;
      const done = () => {
        if (current) started.delete(current);
      };
      pool.dispatch(
        {
          method: 'GET',
          path: `${prefix}${requestTarget(request)}`,
          headersTimeout: timeoutMs,
          bodyTimeout: responseMarginMs,
        },
        {
          onRequestStart(controller) {
            current = controller;
            // Queued in the pool when the stop came: it must not go out now.
            if (signal.aborted) controller.abort(new Error(cutOffMessage));
            else started.add(controller);
          },
          onResponseStart(_controller, statusCode) {
            status = statusCode;
          },
          onResponseData() {},
          onResponseEnd() {
            done();
            resolve({ status });
          },
          onResponseError(_controller, error) {
            done();
            resolve({
              status: 0,
              error: signal.aborted ? cutOffMessage : describeNetworkError(error, timeoutMs),
            });
          },
        },
      );
    });
  };
  return { send, close: () => pool.destroy() };
}
