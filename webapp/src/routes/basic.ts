import type { RequestHandler } from 'express';
import { sendJson } from '../send-json.js';
import type { RouteContext } from './context.js';
import { timestamp } from './context.js';

export function hello({ events }: RouteContext): RequestHandler {
  return (_req, res) => {
    sendJson(res, 200, { message: 'Hello, World! Monitored by Prometheus', timestamp: timestamp() });
    events.customRequest('hello');
  };
}

export function health(): RequestHandler {
  return (_req, res) => {
    sendJson(res, 200, { status: 'healthy', timestamp: timestamp() });
  };
}
