import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler } from 'express';
import { queryParam } from '../http-error.js';
import { numberParam } from '../params.js';
import { formatPythonFloat } from '../python-float.js';
import { sendJson } from '../send-json.js';
import type { RouteContext } from './context.js';

/** `/delay?seconds=`: answers after the given time, for latency exercises. */
export function delay({ config }: RouteContext): RequestHandler {
  const secondsParam = numberParam('seconds', { max: config.maxDelaySeconds, integer: false, fallback: 1 });
  return async (req, res) => {
    const seconds = queryParam(req, 'seconds', secondsParam);
    await sleep(seconds * 1000);
    sendJson(res, 200, {
      message: `Delayed response after ${formatPythonFloat(seconds)} seconds`,
      delay: seconds,
    });
  };
}
