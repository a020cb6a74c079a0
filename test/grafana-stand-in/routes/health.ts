import type { Reply } from '../http/reply.js';

export const GRAFANA_VERSION = '11.4.0';
/** A stable 40-hex stand-in for the build commit (the real 11.4.0 hash was not at hand). */
export const GRAFANA_COMMIT = 'b58701869e1a11b696010a6f28bd96b68a2cf0d0';

/**
 * GET /api/health (pkg/api/health.go apiHealthHandler) runs as a middleware before the context
 * handler, so it never authenticates. `database` is "ok" because the in-memory store cannot fail.
 */
export function healthReply(): Reply {
  return { status: 200, body: { database: 'ok', version: GRAFANA_VERSION, commit: GRAFANA_COMMIT } };
}
