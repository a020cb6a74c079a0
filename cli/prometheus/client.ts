import type { z } from 'zod';
import { UpstreamError } from '../errors.js';
import { type ClientOptions, type HttpClient, httpRequest, parseJson } from '../http/fetch-json.js';
import { safeJson } from '../safe-json.js';
import {
  apiError,
  formattedQuery,
  type QueryData,
  queryData,
  type ScrapeTarget,
  seriesList,
  stringList,
  success,
  targetsData,
} from './schemas.js';

export interface QueryResult {
  data: QueryData;
  warnings: string[];
  infos: string[];
}

/**
 * Appended to every query this tool runs: Prometheus keeps comments in its query log, so the
 * grader can leave the tool's own queries out of what the learner did.
 */
export const ownQueryMarker = '\n# workshop';

/** Prometheus answered, but refused the query (bad PromQL, timeout on its side, ...). */
export class PrometheusApiError extends UpstreamError {
  readonly errorType: string;
  constructor(url: string, errorType: string, message: string, status: number) {
    super('Prometheus', url, message, { status });
    this.errorType = errorType;
  }
}

/** A thin Prometheus HTTP API client: every call has a timeout and every answer is checked with zod. */
export class PrometheusClient {
  readonly baseUrl: string;
  private readonly http: HttpClient;
  private readonly opts: { timeoutMs?: number; signal?: AbortSignal };

  constructor(baseUrl: string, { http, ...opts }: ClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.http = http ?? httpRequest;
    this.opts = opts;
  }

  async query(promql: string, time?: number): Promise<QueryResult> {
    // Marked, so that the query log tells the tool's own queries from the learner's.
    const params = new URLSearchParams({ query: `${promql}${ownQueryMarker}` });
    if (time !== undefined) params.set('time', String(time));
    const body = await this.call('/api/v1/query', queryData, params);
    return { data: body.data, warnings: body.warnings ?? [], infos: body.infos ?? [] };
  }

  /** A range query: the expression at every `step` seconds from `start` to `end` (seconds). */
  async queryRange(promql: string, start: number, end: number, step: number): Promise<QueryData> {
    const params = new URLSearchParams({
      query: `${promql}${ownQueryMarker}`,
      start: String(start),
      end: String(end),
      step: String(step),
    });
    return (await this.call('/api/v1/query_range', queryData, params)).data;
  }

  async targets(): Promise<ScrapeTarget[]> {
    const body = await this.call(
      '/api/v1/targets',
      targetsData,
      new URLSearchParams({ state: 'active' }),
      'GET',
    );
    return body.data.activeTargets;
  }

  async labelValues(label: string, match?: string): Promise<string[]> {
    const params = new URLSearchParams(match ? { 'match[]': match } : {});
    return (await this.call(`/api/v1/label/${encodeURIComponent(label)}/values`, stringList, params, 'GET'))
      .data;
  }

  async labelNames(match?: string): Promise<string[]> {
    const params = new URLSearchParams(match ? { 'match[]': match } : {});
    return (await this.call('/api/v1/labels', stringList, params)).data;
  }

  async series(match: string, startSeconds?: number): Promise<Record<string, string>[]> {
    const params = new URLSearchParams({ 'match[]': match });
    if (startSeconds !== undefined) params.set('start', String(startSeconds));
    return (await this.call('/api/v1/series', seriesList, params)).data;
  }

  /** Prometheus's canonical text for a PromQL expression (also a syntax check). */
  async formatQuery(promql: string): Promise<string> {
    return (await this.call('/api/v1/format_query', formattedQuery, new URLSearchParams({ query: promql })))
      .data;
  }

  /** True when /-/ready answers 200. */
  async ready(): Promise<boolean> {
    const res = await this.http('Prometheus', `${this.baseUrl}/-/ready`, this.opts);
    return res.status === 200;
  }

  private async call<T extends z.ZodType>(
    path: string,
    data: T,
    params: URLSearchParams,
    method: 'GET' | 'POST' = 'POST',
  ) {
    // POST with a form body where the API allows it: long PromQL never hits URL length limits.
    const url = `${this.baseUrl}${path}`;
    const res =
      method === 'POST'
        ? await this.http('Prometheus', url, {
            ...this.opts,
            method,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: params.toString(),
          })
        : await this.http('Prometheus', `${url}?${params}`, this.opts);
    if (res.status >= 400) {
      const err = apiError.safeParse(safeJson(res.text));
      if (err.success) throw new PrometheusApiError(url, err.data.errorType, err.data.error, res.status);
      throw new UpstreamError('Prometheus', url, `Prometheus answered ${res.status} at ${url}`, {
        status: res.status,
      });
    }
    return parseJson('Prometheus', url, res, success(data));
  }
}
