import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler } from 'express';
import { queryParam } from '../http-error.js';
import { businessOperationNames, businessOperationSeconds, operationParam } from '../params.js';
import { randomChoice } from '../random.js';
import { sendJson } from '../send-json.js';
import type { RouteContext } from './context.js';
import { timestamp } from './context.js';

/** `/business-metrics?operation=`: simulates one of five business operations, each with its own duration. */
export function businessMetrics({ events, random }: RouteContext): RequestHandler {
  return async (req, res) => {
    try {
      const operation =
        queryParam(req, 'operation', operationParam) ?? randomChoice(random, businessOperationNames);
      const processingTime = businessOperationSeconds[operation];
      await sleep(processingTime * 1000);
      sendJson(res, 200, {
        message: `Business operation '${operation}' completed`,
        operation,
        processing_time: processingTime,
        timestamp: timestamp(),
      });
      events.businessOperation(operation);
    } finally {
      // Every request that reached the view counts, rejected operations included.
      events.customRequest('business_metrics');
    }
  };
}
