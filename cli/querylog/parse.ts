import { z } from 'zod';
import { ownQueryMarker } from '../prometheus/client.js';

/**
 * One line of Prometheus's query log (`global.query_log_file`), as 2.x writes it (`ts`) and as
 * 3.x writes it through slog (`time`, `level`, `msg`): fields beyond these are ignored.
 */
const lineSchema = z.object({
  params: z.object({
    query: z.string(),
    start: z.string(),
    end: z.string(),
    step: z.number(),
  }),
  ts: z.string().optional(),
  time: z.string().optional(),
  httpRequest: z
    .object({ clientIP: z.string().optional(), method: z.string().optional(), path: z.string().optional() })
    .optional(),
  ruleGroup: z.object({ name: z.string().optional() }).optional(),
  error: z.string().optional(),
});

/** A query somebody ran through the HTTP API (the Prometheus UI, curl, Grafana): a learner's attempt. */
export interface LoggedQuery {
  /** Verbatim: newlines and `# comments` kept. */
  query: string;
  /** The instant it was evaluated at (the end of a range query), in ms. */
  evaluatedAtMs: number;
  /** 0 for an instant query (the UI's Table tab), the step in seconds for a range (Graph). */
  stepSeconds: number;
  /** When it was logged (it finished), in ms. */
  loggedAtMs: number;
  /** Set when it failed while running (a timeout, many-to-many matching). */
  error?: string;
  /** How it came: the Prometheus UIs send GET; Grafana and other programs POST. */
  method?: string;
}

export type ParsedLine =
  | { kind: 'query'; query: LoggedQuery }
  | { kind: 'ignored'; why: 'rule evaluation' | "the UI's clock check" | "workshop's own query" }
  | { kind: 'damaged' };

/** One log line, classified: the learner's queries, and what is left out and why. Pure. */
export function parseQueryLogLine(line: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: 'damaged' };
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) return { kind: 'damaged' };
  const l = parsed.data;
  if (l.ruleGroup) return { kind: 'ignored', why: 'rule evaluation' };
  const query = l.params.query;
  if (query.trim() === 'time()') return { kind: 'ignored', why: "the UI's clock check" };
  if (query.trimEnd().endsWith(ownQueryMarker.trim()))
    return { kind: 'ignored', why: "workshop's own query" };
  const evaluatedAtMs = Date.parse(l.params.end);
  const loggedAtMs = Date.parse(l.ts ?? l.time ?? l.params.end);
  if (Number.isNaN(evaluatedAtMs) || Number.isNaN(loggedAtMs)) return { kind: 'damaged' };
  return {
    kind: 'query',
    query: {
      query,
      evaluatedAtMs,
      stepSeconds: l.params.step,
      loggedAtMs,
      ...(l.error ? { error: l.error } : {}),
      ...(l.httpRequest?.method ? { method: l.httpRequest.method } : {}),
    },
  };
}
