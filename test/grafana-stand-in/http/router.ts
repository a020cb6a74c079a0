import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './reply.js';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. "/api/datasources/uid/:uid"; a ":name" segment matches one path segment. */
  path: string;
  handler: (ctx: RouteContext) => Promise<Reply> | Reply;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      // The path arrives decoded (pipeline.ts), as Grafana's router gets it.
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/**
 * Grafana's router (pkg/web/router.go) looks routes up per method; a known path with another
 * method falls through to the same NotFound handler as an unknown path, so there is no 405.
 */
export function findRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): RouteMatch | undefined {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const segments = trimmed.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPath(route.path, segments);
    if (params) return { route, params };
  }
  return undefined;
}
