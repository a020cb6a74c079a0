import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { StackState } from '../stack/state.js';

/** Where the exporter reads directly, inside the compose stack's progress container. */
export interface DirectSources {
  /** Prometheus's query log, as a file (`--query-log`). */
  queryLog: string;
  /** The grading Prometheus's address there (`--grading-url`). */
  gradingUrl?: string;
}

/** `--query-log` and `--grading-url`, checked before anything starts: the query log's folder must exist. */
export function directSources(flags: Partial<DirectSources>): Partial<DirectSources> {
  const { queryLog, gradingUrl } = flags;
  if (queryLog && !existsSync(path.dirname(path.resolve(queryLog))))
    throw new UsageError(`--query-log ${queryLog}: its folder does not exist`);
  return { ...(queryLog ? { queryLog } : {}), ...(gradingUrl ? { gradingUrl } : {}) };
}

/**
 * The stack as the exporter in the compose stack's progress container sees it: what the state
 * file says (if it can read one), with the query log a file and the grading Prometheus at the
 * address it was given. Without a state file, a compose stack started at no known time.
 */
export function exporterStackState(
  state: StackState | undefined,
  urls: Record<string, string>,
  direct: DirectSources,
): StackState {
  return {
    backend: state?.backend ?? 'compose',
    startedAt: state?.startedAt ?? '',
    processes: state?.processes ?? {},
    unavailable: state?.unavailable ?? {},
    urls,
    queryLog: { kind: 'file', path: direct.queryLog },
    ...(direct.gradingUrl ? { grading: { url: direct.gradingUrl } } : {}),
  };
}

/** The session with the stack as the exporter in the container sees it, when it is given a query log. */
export function withDirectSources<S extends { state?: StackState; config: { urls: Record<string, string> } }>(
  session: S,
  direct: Partial<DirectSources>,
): S {
  const { queryLog, gradingUrl } = direct;
  if (queryLog)
    session.state = exporterStackState(session.state, session.config.urls, { queryLog, gradingUrl });
  return session;
}
