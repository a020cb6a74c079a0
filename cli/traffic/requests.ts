/** One GET the generator will send. The query is already text, formatted as the original script did. */
export interface PlannedRequest {
  path: string;
  /** Without the leading `?`; empty for none. */
  query: string;
  /** The `seconds` sent to /delay (after time scaling), so the timeout and the ledger can use it. */
  delaySeconds: number | undefined;
}

/** The operations `/business-metrics` knows, in the original's order. */
export const businessOperations = ['user_login', 'product_view', 'cart_add', 'checkout', 'payment'] as const;
export type BusinessOperation = (typeof businessOperations)[number];

function get(path: string, query = ''): PlannedRequest {
  return { path, query, delaySeconds: undefined };
}

export const health = (): PlannedRequest => get('/health');
export const hello = (): PlannedRequest => get('/');
export const businessMetrics = (operation: BusinessOperation): PlannedRequest =>
  get('/business-metrics', `operation=${operation}`);
export const errorSimulation = (rate: number): PlannedRequest => get('/error', `rate=${rate}`);
export const cpuIntensive = (iterations: number): PlannedRequest =>
  get('/cpu-intensive', `iterations=${iterations}`);
export const memoryUsage = (sizeMb: number): PlannedRequest => get('/memory-usage', `size=${sizeMb}`);
/** A path the app does not have: the 404s are the point. */
export const missingPage = (path: string): PlannedRequest => get(path);

/**
 * `/delay?seconds=` with the time scale applied. `decimals` is how many the original printed
 * (`2.1`, `5.0`, `2.75`); a scaled value keeps more when it needs them, never float noise.
 */
export function delay(seconds: number, decimals: number, timeScale: number): PlannedRequest {
  const text = formatSeconds(seconds * timeScale, decimals);
  return { path: '/delay', query: `seconds=${text}`, delaySeconds: Number(text) };
}

export function formatSeconds(seconds: number, minDecimals: number): string {
  // Microseconds are far below what a sleep can honour; rounding there removes 0.1 * 3 noise.
  const text = String(Number(seconds.toFixed(6)));
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals >= minDecimals) return text;
  return seconds.toFixed(minDecimals);
}

/** The path and query as sent on the wire. */
export function requestTarget(request: PlannedRequest): string {
  return request.query ? `${request.path}?${request.query}` : request.path;
}
