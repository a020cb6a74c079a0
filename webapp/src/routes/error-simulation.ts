import type { RequestHandler } from 'express';
import { queryParam } from '../http-error.js';
import { numberParam } from '../params.js';
import { randomChoice, randomInt } from '../random.js';
import { sendJson } from '../send-json.js';
import type { RouteContext } from './context.js';

const rateParam = numberParam('rate', { max: 100, integer: true, fallback: 50 });

const simulatedErrors = [
  [400, 'Bad request simulation'],
  [404, 'Resource not found simulation'],
  [500, 'Internal server error simulation'],
] as const;

/** `/error?rate=`: fails with 400, 404 or 500 (equal odds) in `rate` percent of requests. */
export function errorSimulation({ random }: RouteContext): RequestHandler {
  return (req, res) => {
    const rate = queryParam(req, 'rate', rateParam);
    if (randomInt(random, 1, 100) <= rate) {
      const [status, error] = randomChoice(random, simulatedErrors);
      sendJson(res, status, { error });
      return;
    }
    sendJson(res, 200, { message: 'Success! No error generated this time' });
  };
}
