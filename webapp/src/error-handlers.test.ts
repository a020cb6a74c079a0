import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../test/harness.js';
import { jsonErrorHandler } from './error-handlers.js';
import { HttpError } from './http-error.js';

// Errors Express and its middleware raise look like http-errors: a status and an `expose` flag.
const logged: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.get('/http-error', () => {
    throw new HttpError(503, 'busy', { 'Retry-After': '2' });
  });
  app.get('/exposed', () => {
    throw Object.assign(new Error('Unexpected token in JSON'), { status: 400, expose: true });
  });
  app.get('/hidden', () => {
    throw Object.assign(new Error('secret detail'), { statusCode: 413, expose: false });
  });
  app.get('/bug', async () => {
    throw new Error('undefined is not a function');
  });
  app.use(jsonErrorHandler((line) => logged.push(line)));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('jsonErrorHandler', () => {
  it.each([
    ['/http-error', 503, { error: 'busy' }],
    ['/exposed', 400, { error: 'Unexpected token in JSON' }],
    ['/hidden', 413, { error: 'Payload Too Large' }],
    ['/bug', 500, { error: 'Internal server error' }],
  ])('%s → %d JSON without a stack trace', async (path, status, body) => {
    const res = await httpGet(`${url}${path}`);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toEqual(body);
    expect(res.text).not.toMatch(/at .*\.ts/);
  });

  it('keeps the headers of an HttpError', async () => {
    expect((await httpGet(`${url}/http-error`)).headers['retry-after']).toBe('2');
  });

  it('logs only the unexpected errors', () => {
    expect(logged).toEqual(['webapp: unhandled error on GET /bug: undefined is not a function']);
  });
});
