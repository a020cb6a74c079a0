import type { RequestHandler } from 'express';
import type { CpuResult } from '../cpu-pool.js';
import { queryParam } from '../http-error.js';
import { stringifyWithBigInts } from '../json-bigint.js';
import { numberParam } from '../params.js';
import { sendJsonText } from '../send-json.js';
import type { RouteContext } from './context.js';

/** `/cpu-intensive?iterations=`: burns CPU on a worker thread; `result` is exact, even past 2^53. */
export function cpuIntensive({ config, cpu }: RouteContext): RequestHandler {
  const iterationsParam = numberParam('iterations', {
    max: config.maxCpuIterations,
    integer: true,
    fallback: 100_000,
  });
  return async (req, res) => {
    const iterations = queryParam(req, 'iterations', iterationsParam);
    // A client that leaves while its task is still queued takes the task with it.
    const clientGone = new AbortController();
    res.on('close', () => clientGone.abort());
    let outcome: CpuResult;
    try {
      outcome = await cpu.run(iterations, clientGone.signal);
    } catch (error) {
      if (clientGone.signal.aborted) return; // nobody to answer
      throw error;
    }
    const { result, seconds } = outcome;
    const body = {
      message: 'CPU-intensive operation completed',
      iterations,
      result,
      execution_time: seconds,
    };
    sendJsonText(res, 200, stringifyWithBigInts(body));
  };
}
