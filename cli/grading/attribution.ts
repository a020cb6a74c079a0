import type { PromqlCheck } from '../../exercises/schema.js';
import { topComparison } from '../checks/promql-syntax.js';
import { families, similarity } from './promql-shape.js';

/** The exercise's query and the other forms it accepts (the native stack's Part D). */
export const referencesOf = (check: PromqlCheck): string[] => [check.query, ...check.accepted];

/** Whether a query reads one of the metric families a check reads: it may be a try at it. */
export function relatedTo(check: PromqlCheck, promql: string): boolean {
  const mine = families(promql);
  return referencesOf(check).some((r) => [...families(r)].some((f) => mine.has(f)));
}

const isCondition = (promql: string) => {
  const c = topComparison(promql);
  return c !== undefined && !c.bool;
};

/** The strings a query names, without regex punctuation: `".*prometheus-webapp.*"` → prometheus-webapp. */
const namedValues = (promql: string) =>
  [...promql.matchAll(/"([^"]*)"/g)]
    .map((m) => (m[1] ?? '').replace(/[.*^$|()[\]\\+?]/g, ''))
    .filter((v) => v.length > 2);

/** How much a query looks like a try at a check: likeness of words, and the values it names. */
function likeness(check: PromqlCheck, promql: string): number {
  const named = namedValues(promql);
  return Math.max(
    ...referencesOf(check).map((ref) => {
      const shared = namedValues(ref).filter((v) => named.some((n) => n.includes(v)));
      return similarity(ref, promql) + 0.15 * shared.length;
    }),
  );
}

/**
 * The step a query was aimed at: among the checks reading the same metrics, conditions (`… > 0.05`)
 * with conditions and the rest with the rest, the one it is most like; a tie goes to a step not
 * passed yet, then to the earlier one. Undefined when it reads none of the exercise's metrics. Pure.
 */
export function aimedAt(
  checks: readonly PromqlCheck[],
  promql: string,
  passed: ReadonlySet<string> = new Set(),
): PromqlCheck | undefined {
  const condition = isCondition(promql);
  const candidates = checks.filter((c) => relatedTo(c, promql) && isCondition(c.query) === condition);
  let best: { check: PromqlCheck; score: number } | undefined;
  for (const check of candidates) {
    const score = likeness(check, promql) + (passed.has(check.id) ? 0 : 1e-6);
    if (!best || score > best.score + 1e-9) best = { check, score };
  }
  return best?.check;
}
