import type { Request } from 'express';
import type { z } from 'zod';
import { describeQueryError } from './params.js';

/** An error that is the client's (or the server's capacity's) to fix: answered as JSON `{"error": message}`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** Reads and validates one query parameter; a bad value becomes a 400 saying what is allowed. */
export function queryParam<T>(req: Request, name: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(req.query[name]);
  if (!parsed.success) throw new HttpError(400, describeQueryError(parsed.error));
  return parsed.data;
}
