import type { HttpClient } from '../http/fetch-json.js';

/**
 * The webapp process's `process_start_time_seconds`, from its own /metrics: recorded in the
 * ledger, so checks compare a run only with the process that counted it. null when not told.
 */
export async function webappStartTime(
  http: HttpClient,
  baseUrl: string,
  signal: AbortSignal,
): Promise<number | null> {
  try {
    const res = await http('webapp', `${baseUrl}/metrics`, { timeoutMs: 2_000, signal });
    const line = res.status === 200 ? res.text.match(/^process_start_time_seconds (\S+)$/m) : null;
    const value = line ? Number(line[1]) : Number.NaN;
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}
