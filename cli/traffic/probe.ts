import { UpstreamError } from '../errors.js';
import type { HttpClient } from '../http/fetch-json.js';

/** Short on purpose: a local app answers /health in milliseconds. */
export const probeTimeoutMs = 2_000;

const hint = 'start the stack with `workshop up`, or point --base-url (or WORKSHOP_APP_URL) at the webapp';

/**
 * One GET /health before any traffic, so an app that is down costs one clear error now rather
 * than a run of failed requests.
 */
export async function probeApp(http: HttpClient, baseUrl: string, signal: AbortSignal): Promise<void> {
  const url = `${baseUrl}/health`;
  let status: number;
  try {
    ({ status } = await http('webapp', url, { timeoutMs: probeTimeoutMs, signal }));
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    throw new UpstreamError('webapp', url, error.message, { hint, cause: error });
  }
  if (status !== 200) {
    throw new UpstreamError('webapp', url, `the webapp answered ${status} to GET ${url} (expected 200)`, {
      status,
      hint,
    });
  }
}
