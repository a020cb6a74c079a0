import type { z } from 'zod';
import { UpstreamError } from '../errors.js';
import { type ClientOptions, type HttpClient, httpRequest, parseJson } from '../http/fetch-json.js';
import * as s from './schemas.js';

export interface GrafanaCredentials {
  user: string;
  password: string;
}

/** Grafana answered 401: never retried, since Grafana locks a user out after a few failed logins. */
export class GrafanaAuthError extends UpstreamError {
  constructor(url: string) {
    super('Grafana', url, 'wrong Grafana user or password', {
      status: 401,
      hint: 'pass --grafana-user / --grafana-password (or WORKSHOP_GRAFANA_USER / WORKSHOP_GRAFANA_PASSWORD); the workshop uses admin / foobar',
    });
  }
}

/**
 * A missing object (404). The checks turn it into "not found"; where nobody expects it (an older
 * Grafana without the provisioning API, or a proxy in front), it is Grafana's answer: exit 3.
 */
export class GrafanaNotFound extends UpstreamError {
  constructor(url: string, path: string) {
    super('Grafana', url, `Grafana answered 404 Not Found to ${path}`, {
      status: 404,
      hint: 'is this a Grafana (11 or later) at that URL, without a proxy that rewrites its API paths?',
    });
  }
}

/** The Grafana HTTP API calls the exercise 2 checks and `solve` make; every answer checked with zod. */
export class GrafanaClient {
  readonly baseUrl: string;
  private readonly auth: string;
  private readonly http: HttpClient;
  private readonly opts: { timeoutMs?: number; signal?: AbortSignal };

  constructor(baseUrl: string, creds: GrafanaCredentials, { http, ...opts }: ClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.auth = `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}`;
    this.http = http ?? httpRequest;
    this.opts = opts;
  }

  /** No auth needed: tells "Grafana down" from "wrong password". */
  async health() {
    const url = `${this.baseUrl}/api/health`;
    const res = await this.http('Grafana', url, this.opts);
    const body = parseJson('Grafana', url, res, s.health);
    if (res.status !== 200)
      throw new UpstreamError('Grafana', url, `Grafana is not healthy (database: ${body.database})`, {
        status: res.status,
      });
    return body;
  }

  dataSources = () => this.get('/api/datasources', s.dataSource.array());
  dataSourceHealth = (uid: string) =>
    this.call(
      'GET',
      `/api/datasources/uid/${encodeURIComponent(uid)}/health`,
      s.dataSourceHealth,
      undefined,
      [400],
    );
  search = (query: string) =>
    this.get(`/api/search?type=dash-db&query=${encodeURIComponent(query)}`, s.searchHit.array());
  dashboard = (uid: string) =>
    this.get(`/api/dashboards/uid/${encodeURIComponent(uid)}`, s.dashboardWithMeta);
  alertRules = () => this.get('/api/v1/provisioning/alert-rules', s.alertRule.array());
  ruleGroup = (folderUid: string, group: string) =>
    this.get(
      `/api/v1/provisioning/folder/${encodeURIComponent(folderUid)}/rule-groups/${encodeURIComponent(group)}`,
      s.ruleGroup,
    );

  get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
    return this.call('GET', path, schema);
  }

  /** One authenticated call; `alsoOk` lists statuses whose body is still the answer (e.g. health's 400). */
  async call<T extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: T,
    body?: unknown,
    alsoOk: number[] = [],
    headers: Record<string, string> = {},
  ): Promise<z.infer<T>> {
    const { url, res } = await this.send(method, path, body, alsoOk, headers);
    return parseJson(
      'Grafana',
      url,
      res.status === 204 || res.text === '' ? { ...res, text: '{}' } : res,
      schema,
    );
  }

  /** A GET's body exactly as Grafana sent it (a copy to put back later). */
  async text(path: string): Promise<string> {
    return (await this.send('GET', path)).res.text;
  }

  private async send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    alsoOk: number[] = [],
    headers: Record<string, string> = {},
  ) {
    const url = `${this.baseUrl}${path}`;
    const res = await this.http('Grafana', url, {
      ...this.opts,
      method,
      headers: {
        authorization: this.auth,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status === 401) throw new GrafanaAuthError(url);
    if (res.status === 404) throw new GrafanaNotFound(url, `${method} ${path}`);
    if (res.status >= 400 && !alsoOk.includes(res.status)) {
      const msg = safeMessage(res.text);
      throw new UpstreamError(
        'Grafana',
        url,
        `Grafana answered ${res.status} to ${method} ${path}${msg ? `: ${msg}` : ''}`,
        { status: res.status },
      );
    }
    return { url, res };
  }
}

function safeMessage(text: string): string {
  try {
    return String((JSON.parse(text) as { message?: unknown }).message ?? '');
  } catch {
    return text.slice(0, 200);
  }
}
