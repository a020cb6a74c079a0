import { z } from 'zod';

// The two kinds of exercise, side by side: PromQL checks graded through Prometheus's HTTP API
// (each assertion kind is a pure evaluator in cli/checks/assertions.ts, under the same name), and
// Grafana checks graded through Grafana's HTTP API (each check id has its grader in
// cli/grafana/grade.ts). exercises/registry.ts says which runner each exercise takes.

const query = z.string().min(1);

/**
 * What a correct result of a check's PromQL looks like: small assertions, each evaluated by a
 * pure function over the query result (and, where named, the raw counter samples of the rate
 * window and the traffic ledger). An assertion that has nothing to compare says "unchecked".
 */
export const assertionSchema = z.discriminatedUnion('kind', [
  /** At least one series. */
  z.object({ kind: z.literal('nonEmpty') }),
  /** At most `max` series. */
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
  /** Some value is above zero. */
  z.object({ kind: z.literal('positive') }),
  /**
   * Positive for every `by` value whose `counter` Prometheus saw increase in the window (its raw
   * samples), and for at least one: what rate() can see, not only what was sent.
   */
  z.object({ kind: z.literal('positiveWhereCounted'), by: z.string(), counter: query }),
  /**
   * Each value is a per-second rate of `counter` over the window: times 300 it lies between the
   * series' increase in the raw samples and 4× that (rate() extrapolates to the window's edges);
   * 0 where nothing was counted. A raw counter, or a rate over another window, does not.
   */
  z.object({ kind: z.literal('perSecondOf'), counter: query }),
  /**
   * The result is exactly the series of `query` whose `label` matches `pattern` (anchored), with
   * their values: a selector graded against the unfiltered series, filtered here.
   */
  z.object({ kind: z.literal('filterOf'), query, label: z.string(), pattern: z.string() }),
  /** The `le` bucket bounds are exactly these (plus +Inf). */
  z.object({ kind: z.literal('buckets'), bounds: z.array(z.number()) }),
  /** Values compare with another query's, series matched on the `on` labels. */
  z.object({
    kind: z.literal('compare'),
    op: z.enum(['>=', '<=']),
    query,
    name: z.string(),
    on: z.array(z.string()),
  }),
  /**
   * The value (of the check's query, or of `of`) is `scale` × the share of `counter`'s increase in
   * the window whose status matches `statuses`, within `tolerance`; and every such request the
   * traffic ledger sent in the window was counted.
   */
  z.object({
    kind: z.literal('visibleShare'),
    counter: query,
    statuses: z.string(),
    scale: z.number().positive(),
    tolerance: z.number().positive(),
    of: query.optional(),
  }),
  /**
   * The check's query filters `inner` by `inner op threshold`: a series is there exactly when
   * the condition holds for it, with the inner value. An alert condition graded against the truth.
   */
  z.object({
    kind: z.literal('conditionMatches'),
    inner: query,
    op: z.enum(['>', '<']),
    threshold: z.number(),
  }),
  /** The paths the traffic ledger hit in the window all appear in `label`. */
  z.object({ kind: z.literal('coversLedgerPaths'), label: z.string() }),
  /** The counter increase over the ledger's own span equals its counts: nothing lost, nothing invented. */
  z.object({ kind: z.literal('ledgerCounts') }),
  /** The series with `label`=`value` is at least the smallest /delay the traffic sent (to bucket resolution). */
  z.object({ kind: z.literal('delayFloor'), label: z.string(), value: z.string() }),
]);
export type Assertion = z.infer<typeof assertionSchema>;
export type AssertionKind = Assertion['kind'];

/** A Prometheus scrape job a check depends on; missing → the check is unchecked with `why`. */
export const needSchema = z.object({
  job: z.string(),
  /** The stack service that provides it. */
  service: z.string(),
  why: z.string(),
  instead: z.string().optional(),
});

export const promqlCheckSchema = z.object({
  id: z.string().regex(/^exercise-\d+\/[A-Z]\/\d+$/, 'ids look like exercise-1/A/3'),
  title: z.string().min(1),
  query,
  /** One sentence: what a correct result is. */
  expect: z.string().min(1),
  assertions: z.array(assertionSchema).min(1),
  needs: z.array(needSchema).default([]),
  /** Other queries that are right answers too (the native stack's stand-ins for cAdvisor's). */
  accepted: z.array(query).default([]),
  hint: z.string().min(1),
  points: z.number().int().positive(),
});
export type PromqlCheck = z.infer<typeof promqlCheckSchema>;

function uniqueIdsInParts(
  ex: { id: string; parts: Record<string, string>; checks: { id: string }[] },
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  for (const [i, c] of ex.checks.entries()) {
    if (seen.has(c.id))
      ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate id ${c.id}` });
    seen.add(c.id);
    if (!c.id.startsWith(`${ex.id}/`))
      ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `${c.id} is not in ${ex.id}` });
    const part = c.id.split('/')[1] ?? '';
    if (!(part in ex.parts))
      ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `unknown part ${part}` });
  }
}

export const promqlExerciseSchema = z
  .object({
    id: z.string().regex(/^exercise-\d+$/),
    title: z.string(),
    parts: z.record(z.string().regex(/^[A-Z]$/), z.string()),
    checks: z.array(promqlCheckSchema).min(1),
  })
  .superRefine(uniqueIdsInParts);
export type PromqlExercise = z.infer<typeof promqlExerciseSchema>;
export type PromqlExerciseInput = z.input<typeof promqlExerciseSchema>;

const panelQuery = z.object({
  /** Accepted queries: a learner's is right when the grading Prometheus gives the same answers. */
  queries: z.array(query).min(1),
  legend: z.string().optional(),
  name: z.string(),
});

/** A panel the learner builds: graded by one grader (gradePanel) from this description. */
export const expectedPanelSchema = z.object({
  check: z.string(),
  title: z.string(),
  types: z.array(z.string()).min(1),
  targets: z.array(panelQuery).min(1),
  unit: z.string().optional(),
  unitName: z.string().optional(),
  thresholds: z
    .array(z.object({ value: z.number(), color: z.enum(['yellow', 'red', 'green', 'orange']) }))
    .optional(),
});
export type ExpectedPanel = z.infer<typeof expectedPanelSchema>;

export const grafanaCheckSchema = z.object({
  id: z.string().regex(/^exercise-\d+\/[A-Z]\/\d+$/),
  title: z.string(),
  points: z.number().int().positive(),
  /** What it reads of Grafana: when that read fails, only the checks that need it are errors. */
  reads: z.enum(['datasource', 'dashboard', 'alerts']),
  /** Where in Grafana's UI to fix it: shown on failure. */
  hint: z.string(),
});

export const grafanaExerciseSchema = z
  .object({
    id: z.string().regex(/^exercise-\d+$/),
    title: z.string(),
    parts: z.record(z.string().regex(/^[A-Z]$/), z.string()),
    dataSource: z.object({
      name: z.string(),
      type: z.string(),
      composeUrl: z.string(),
      scrapeInterval: z.string(),
    }),
    dashboard: z.object({
      title: z.string(),
      description: z.string(),
      from: z.string(),
      to: z.string(),
      refresh: z.string(),
    }),
    panels: z.array(expectedPanelSchema),
    alert: z.object({
      title: z.string(),
      above: z.number(),
      for: z.string(),
      intervalSeconds: z.number(),
      query,
    }),
    checks: z.array(grafanaCheckSchema).min(1),
  })
  .superRefine(uniqueIdsInParts);
export type GrafanaExercise = z.infer<typeof grafanaExerciseSchema>;
export type GrafanaExerciseInput = z.input<typeof grafanaExerciseSchema>;

/** An exercise written as a literal `as const` satisfies this, so its check ids become a typed union. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
