import { z } from 'zod';

/**
 * What one `workshop traffic` run sent: the checks compare it with what Prometheus counted,
 * so nothing is lost and nothing invented. Written to <stateDir>/traffic/ as JSON.
 */
export const ledgerSchema = z.object({
  version: z.literal(1),
  mode: z.string(),
  seed: z.number().int(),
  timeScale: z.number().positive(),
  baseUrl: z.string(),
  /** ISO times of the first request sent and the last response received. */
  startedAt: z.string(),
  endedAt: z.string(),
  /** True when Ctrl-C (or an error) cut the run short: the counts are what was really sent. */
  interrupted: z.boolean(),
  /** One row per method, path (no query string) and status; status 0 = no HTTP response (timeout, reset). */
  requests: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      status: z.number().int().min(0),
      count: z.number().int().positive(),
    }),
  ),
  /** Every `seconds` value sent to /delay, in the order sent. */
  delaysSent: z.array(z.number().nonnegative()),
});
export type Ledger = z.infer<typeof ledgerSchema>;
