import path from 'node:path';
import { z } from 'zod';
import type { ExerciseResult } from '../checks/results.js';
import { readJsonOr, writeAtomic } from '../fs-safe.js';
import { stateOf } from './view.js';

/**
 * Exercise 2's tries: Grafana keeps no history the tool can read cheaply, so each change the
 * exporter sees in a check's verdict (a new panel type, another unit) counts as a try.
 */
const entry = z.object({
  count: z.number().int().nonnegative(),
  firstAtMs: z.number(),
  last: z.string(),
  firstPassAtMs: z.number().optional(),
});
const store = z.record(z.string(), entry);
export type GrafanaTries = z.infer<typeof store>;

/** The next tries record, given a grading at `nowMs`: pure. */
export function advanceTries(prev: GrafanaTries, result: ExerciseResult, nowMs: number): GrafanaTries {
  const next: GrafanaTries = { ...prev };
  for (const c of result.checks) {
    const state = stateOf(c);
    // Nothing there yet, or Grafana not answering: no try seen.
    if (state === 'not_attempted' || state === 'error') continue;
    const seen = JSON.stringify([c.status, c.message, c.actual ?? null]);
    const old = next[c.id];
    const firstPassAtMs = old?.firstPassAtMs ?? (c.status === 'pass' ? nowMs : undefined);
    const counted =
      old && old.last === seen
        ? old
        : { count: (old?.count ?? 0) + 1, firstAtMs: old?.firstAtMs ?? nowMs, last: seen };
    next[c.id] = { ...counted, ...(firstPassAtMs !== undefined ? { firstPassAtMs } : {}) };
  }
  return next;
}

/** The result with each check's tries filled in from the record. */
export function withTries(result: ExerciseResult, tries: GrafanaTries): ExerciseResult {
  return {
    ...result,
    checks: result.checks.map((c) => {
      const t = tries[c.id];
      return t ? { ...c, tries: { count: t.count, firstAtMs: t.firstAtMs } } : c;
    }),
  };
}

const file = (stateDir: string) => path.join(stateDir, 'grafana-tries.json');

export const readGrafanaTries = (stateDir: string): Promise<GrafanaTries> =>
  readJsonOr(file(stateDir), store, {});

export const writeGrafanaTries = (stateDir: string, tries: GrafanaTries) =>
  writeAtomic(file(stateDir), `${JSON.stringify(tries)}\n`);
