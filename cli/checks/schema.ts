import { z } from 'zod';

/**
 * What a correct result of a check's PromQL looks like: small assertions, each evaluated by a
 * pure function over the query result (and, where named, the traffic ledger). See assertions.ts.
 */
export const assertionSchema = z.discriminatedUnion('kind', [
  /** At least one series. */
  z.object({ kind: z.literal('nonEmpty') }),
  /** At most `max` series (alert conditions: 0 or 1). */
  z.object({ kind: z.literal('maxSeries'), max: z.number().int().nonnegative() }),
  /** Every series carries these labels; with `only`, no other labels besides job/instance. */
  z.object({ kind: z.literal('labels'), required: z.array(z.string()), only: z.boolean().default(false) }),
  /** Every series' label value matches the (anchored) regular expression. */
  z.object({ kind: z.literal('labelValues'), label: z.string(), pattern: z.string(), meaning: z.string() }),
  /** Every value lies in [min, max]; NaN (no traffic in the window) is ignored, but one number must exist. */
  z.object({
    kind: z.literal('range'),
    min: z.number().optional(),
    max: z.number().optional(),
    meaning: z.string(),
  }),
  /** Some value is above zero (per `by` label value that the traffic hit, when `by` is set). */
  z.object({ kind: z.literal('positive'), by: z.string().optional() }),
  /** The `le` bucket bounds are exactly these (plus +Inf). */
  z.object({ kind: z.literal('buckets'), bounds: z.array(z.number()) }),
  /** Values compare with another query's, series matched on the `on` labels. */
  z.object({
    kind: z.literal('compare'),
    op: z.enum(['>=', '<=']),
    query: z.string(),
    name: z.string(),
    on: z.array(z.string()),
  }),
  /** The paths the traffic ledger hit in the window all appear in `label`. */
  z.object({ kind: z.literal('coversLedgerPaths'), label: z.string() }),
  /** The counter increase over the last traffic run equals the ledger's counts: nothing lost, nothing invented. */
  z.object({ kind: z.literal('ledgerCounts') }),
  /** The value agrees with the ledger's percentage of these statuses, within `tolerance` points. */
  z.object({ kind: z.literal('ledgerPercent'), statuses: z.string(), tolerance: z.number().positive() }),
  /** The series with `label`=`value` is at least the smallest /delay the traffic sent (to bucket resolution). */
  z.object({ kind: z.literal('delayFloor'), label: z.string(), value: z.string() }),
]);
export type Assertion = z.infer<typeof assertionSchema>;
export type AssertionKind = Assertion['kind'];

/** A Prometheus scrape job a check depends on; missing → the check is skipped with `why`. */
export const needSchema = z.object({ job: z.string(), why: z.string(), instead: z.string().optional() });

export const promqlCheckSchema = z.object({
  id: z.string().regex(/^exercise-\d+\/[A-Z]\/\d+$/, 'ids look like exercise-1/A/3'),
  title: z.string().min(1),
  query: z.string().min(1),
  /** One sentence: what a correct result is. */
  expect: z.string().min(1),
  assertions: z.array(assertionSchema).min(1),
  needs: z.array(needSchema).default([]),
  hint: z.string().min(1),
  points: z.number().int().positive(),
});
export type PromqlCheck = z.infer<typeof promqlCheckSchema>;

export const exerciseSchema = z
  .object({
    id: z.string().regex(/^exercise-\d+$/),
    title: z.string(),
    parts: z.record(z.string().regex(/^[A-Z]$/), z.string()),
    checks: z.array(promqlCheckSchema).min(1),
  })
  .superRefine((ex, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of ex.checks.entries()) {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate id ${c.id}` });
      seen.add(c.id);
      if (!c.id.startsWith(`${ex.id}/`)) {
        ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `${c.id} is not in ${ex.id}` });
      }
      const part = c.id.split('/')[1] ?? '';
      if (!(part in ex.parts))
        ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `unknown part ${part}` });
    }
  });
export type Exercise = z.infer<typeof exerciseSchema>;
export type ExerciseInput = z.input<typeof exerciseSchema>;
