import type { Reply } from '../http/reply.js';

/** A stable 40-hex stand-in for the build commit (the real hashes were not at hand). */
export const GRAFANA_COMMIT = 'b58701869e1a11b696010a6f28bd96b68a2cf0d0';

/**
 * GET /api/health (pkg/api/health.go apiHealthHandler) runs as a middleware before the context
 * handler, so it never authenticates. `database` is "ok" because the in-memory store cannot fail.
 */
export function healthReply(version: string): Reply {
  return { status: 200, body: { database: 'ok', version, commit: GRAFANA_COMMIT } };
}
