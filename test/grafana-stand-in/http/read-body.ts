import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { apiError } from './reply.js';

export async function readRawBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * pkg/web/binding.go `Bind`: an empty body decodes to the zero command (io.EOF is not an error),
 * JSON `null` too; anything undecodable makes every handler answer 400 "bad request data".
 * The zod schema stands in for Go's typed decoding (a number where a string belongs is a decode error).
 */
export function bindJson<T extends z.ZodType>(raw: string, schema: T): z.output<T> {
  let value: unknown = {};
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw badRequestData();
    }
  }
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw badRequestData();
  return parsed.data;
}

export function badRequestData() {
  return apiError(400, 'bad request data');
}
