import { request } from 'undici';
import type { z } from 'zod';
import { UpstreamError } from '../errors.js';

export interface HttpOptions {
  /** Whole-request deadline; every network call has one. */
  timeoutMs?: number;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export const defaultTimeoutMs = 5_000;

/** The HTTP layer, injectable: httpRequest in production, a test double in tests. */
export type HttpClient = (service: string, url: string, opts?: HttpOptions) => Promise<HttpResponse>;

/** What an API client is built with: the HTTP layer, a deadline per call, Ctrl-C. */
export interface ClientOptions {
  http?: HttpClient;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One HTTP exchange with a deadline; network failures become an UpstreamError naming the service. */
export async function httpRequest(
  service: string,
  url: string,
  opts: HttpOptions = {},
): Promise<HttpResponse> {
  const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
  const signals = [AbortSignal.timeout(timeoutMs), ...(opts.signal ? [opts.signal] : [])];
  try {
    const res = await request(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      body: opts.body,
      signal: AbortSignal.any(signals),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  } catch (cause) {
    if (opts.signal?.aborted) throw cause;
    throw new UpstreamError(
      service,
      url,
      `${service} did not answer at ${url}: ${describeNetworkError(cause, timeoutMs)}`,
      {
        cause,
      },
    );
  }
}

/** Parses a JSON body with a zod schema; a body of the wrong shape is the upstream's fault, said plainly. */
export function parseJson<T extends z.ZodType>(
  service: string,
  url: string,
  res: HttpResponse,
  schema: T,
): z.infer<T> {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch (cause) {
    throw new UpstreamError(
      service,
      url,
      `${service} answered ${res.status} with a body that is not JSON at ${url}`,
      {
        status: res.status,
        cause,
      },
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new UpstreamError(
      service,
      url,
      `${service} answered ${res.status} with an unexpected JSON shape at ${url}${where}: ${issue?.message ?? 'invalid'}`,
      { status: res.status },
    );
  }
  return parsed.data;
}

export function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; cause?: { code?: string }; message?: string };
  const code = err?.code ?? err?.cause?.code;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return `no answer within ${timeoutMs} ms`;
  }
  if (code === 'ECONNREFUSED') return 'connection refused (is it running?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  return code ?? err?.message ?? String(error);
}
