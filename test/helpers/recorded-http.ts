import type { PromApi } from '../../cli/checks/prom-api.js';
import { type HttpClient, httpRequest } from '../../cli/http/fetch-json.js';

/** One HTTP exchange with Prometheus, keyed by path and sorted parameters (form body or query string). */
export interface Exchange {
  key: string;
  status: number;
  text: string;
}

function keyOf(url: string, body: string | undefined): string {
  const u = new URL(url);
  const params = [...new URLSearchParams(body ?? u.search)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${u.pathname}?${new URLSearchParams(params)}`;
}

/** The real HTTP layer, keeping every exchange. */
export function recordingHttp(real: HttpClient = httpRequest) {
  const exchanges: Exchange[] = [];
  const http: HttpClient = async (service, url, opts = {}) => {
    const res = await real(service, url, opts);
    exchanges.push({ key: keyOf(url, opts.body), status: res.status, text: res.text });
    return res;
  };
  return { http, exchanges };
}

/** Answers only what was recorded; anything else fails the test loudly. */
export function replayHttp(exchanges: Exchange[]): HttpClient {
  const byKey = new Map(exchanges.map((e) => [e.key, e]));
  return async (_service, url, opts = {}) => {
    const e = byKey.get(keyOf(url, opts.body));
    if (!e) throw new Error(`not recorded: ${keyOf(url, opts.body)}`);
    return { status: e.status, headers: { 'content-type': 'application/json' }, text: e.text };
  };
}

/** Prometheus, but a check's own query answered by another (the learner's mistake). */
export function substituted(api: PromApi, from: string, to: string): PromApi {
  return {
    query: (q, t) => api.query(q === from ? to : q, t),
    targets: () => api.targets(),
    series: (m, s) => api.series(m, s),
    labelNames: (m) => api.labelNames(m),
    labelValues: (l, m) => api.labelValues(l, m),
    formatQuery: (q) => api.formatQuery(q),
  };
}
