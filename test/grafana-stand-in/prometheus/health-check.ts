import { request } from 'undici';
import type { GrafanaNetwork } from '../behaviour.js';
import type { StoredDataSource } from '../model/records.js';
import { goUrlError } from './go-error.js';

/**
 * The URL as Grafana's own server reaches it: in a compose network, `localhost` is Grafana's
 * container (nothing listens there on Prometheus's port) and a service name resolves through
 * Docker's DNS (127.0.0.11) to the given URL; on the host, a URL is what it says.
 */
function fromGrafanasNetwork(url: URL, network: GrafanaNetwork): URL | { refused: string } {
  if (network.kind === 'host') return url;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (['localhost', '127.0.0.1', '[::1]', '::1'].includes(url.hostname))
    return {
      refused: `dial tcp ${url.hostname === 'localhost' ? '127.0.0.1' : url.hostname}:${port}: connect: connection refused`,
    };
  const service = network.services[url.hostname];
  if (!service) return { refused: `dial tcp: lookup ${url.hostname} on 127.0.0.11:53: no such host` };
  const real = new URL(service);
  const moved = new URL(url.href);
  moved.protocol = real.protocol;
  moved.host = real.host;
  return moved;
}

export interface HealthResult {
  status: 'OK' | 'ERROR';
  message: string;
  details?: { application: string; features: { rulerApiEnabled: boolean } };
}

interface Target {
  method: string;
  url: URL;
  body?: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** The Prometheus client's URL building (pkg/promlib/client/client.go createUrl: path.Join on the base). */
function endpoint(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  url.search = '';
  return url;
}

function requestHeaders(ds: StoredDataSource): Record<string, string> {
  if (!ds.basicAuth) return {};
  const password = ds.secureJsonData.basicAuthPassword ?? '';
  return { authorization: `Basic ${Buffer.from(`${ds.basicAuthUser}:${password}`).toString('base64')}` };
}

async function send(target: Target, network: GrafanaNetwork): Promise<{ status: number; text: string }> {
  const where = fromGrafanasNetwork(target.url, network);
  if (!(where instanceof URL)) throw Object.assign(new Error(where.refused), { goReason: where.refused });
  const response = await request(where, {
    method: target.method as 'GET' | 'POST',
    headers: target.headers,
    body: target.body,
    headersTimeout: target.timeoutMs,
    bodyTimeout: target.timeoutMs,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** What went wrong in a Prometheus answer: its `error` field, else Go's res.Status ("404 Not Found"). */
function answerError(status: number, text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return status >= 300 ? `${status} ${STATUS_TEXT[status] ?? ''}`.trim() : 'unexpected response: not JSON';
  }
  const body = parsed as { status?: unknown; error?: unknown };
  if (typeof body.error === 'string' && body.status === 'error') return body.error;
  if (status >= 300) return `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
  return body.status === 'success' ? undefined : 'unexpected response';
}

/** pkg/promlib/heuristics.go: buildinfo with feature flags means Mimir, without means Prometheus. */
async function heuristics(
  base: URL,
  ds: StoredDataSource,
  timeoutMs: number,
  network: GrafanaNetwork,
): Promise<HealthResult['details']> {
  try {
    const url = endpoint(base, 'api/v1/status/buildinfo');
    const answer = await send({ method: 'GET', url, headers: requestHeaders(ds), timeoutMs }, network);
    if (answer.status !== 200) return undefined;
    const features = (JSON.parse(answer.text) as { data?: { features?: Record<string, unknown> } }).data
      ?.features;
    const mimir = features !== undefined && Object.keys(features).length > 0;
    return { application: mimir ? 'Mimir' : 'Prometheus', features: { rulerApiEnabled: mimir } };
  } catch {
    return undefined;
  }
}

function failure(reason: string): HealthResult {
  return { status: 'ERROR', message: `${reason} - There was an error returned querying the Prometheus API.` };
}

/**
 * pkg/promlib/healthcheck.go: an instant query `1+1` (evaluated at t=4s, the end of its fixed
 * 1s..4s range) through the data source's own HTTP settings — jsonData.httpMethod (POST unless
 * "GET"), basic auth, jsonData.timeout seconds — from Grafana's own network. Buildinfo
 * heuristics become `details` when that call works.
 */
export async function checkPrometheusHealth(
  ds: StoredDataSource,
  defaultTimeoutMs: number,
  network: GrafanaNetwork = { kind: 'host' },
): Promise<HealthResult> {
  let base: URL;
  try {
    base = new URL(ds.url);
  } catch {
    return failure(`parse "${ds.url}": invalid URI for request`);
  }
  const timeout = ds.jsonData.timeout;
  const timeoutMs = typeof timeout === 'number' && timeout > 0 ? timeout * 1000 : defaultTimeoutMs;
  const method = String(ds.jsonData.httpMethod ?? '').toUpperCase() === 'GET' ? 'GET' : 'POST';
  const url = endpoint(base, 'api/v1/query');
  const params = new URLSearchParams({ query: '1+1', time: '4' }).toString();
  const target: Target =
    method === 'GET'
      ? { method, url: new URL(`${url.href}?${params}`), headers: requestHeaders(ds), timeoutMs }
      : {
          method,
          url,
          body: params,
          headers: { ...requestHeaders(ds), 'content-type': 'application/x-www-form-urlencoded' },
          timeoutMs,
        };
  let reason: string | undefined;
  try {
    const answer = await send(target, network);
    reason = answerError(answer.status, answer.text);
  } catch (err) {
    reason = goUrlError(method, target.url, err);
  }
  const details = await heuristics(base, ds, timeoutMs, network);
  const result: HealthResult = reason
    ? failure(reason)
    : { status: 'OK', message: 'Successfully queried the Prometheus API.' };
  return details ? { ...result, details } : result;
}
