import { expect } from 'vitest';
import { agreement } from '../../cli/grading/compare.js';
import type { Evaluation } from '../../cli/grading/equivalence.js';

/** The data tells `query` from every reference: Prometheus refuses it, or it answers differently. */
export async function expectToldApart(
  evaluate: (promql: string) => Promise<Evaluation>,
  refs: readonly string[],
  query: string,
): Promise<void> {
  const mine = await evaluate(query);
  for (const ref of refs) {
    const theirs = await evaluate(ref);
    if ('error' in theirs) throw new Error(theirs.error);
    if ('error' in mine) return;
    expect(agreement(theirs.points, mine.points).difference, `${query} vs ${ref}`).toBeDefined();
  }
}

/** A pint-style table: at least 10 variants, at least 4 right ones and 5 wrong ones. */
export function expectFullTable(table: readonly { right: boolean }[] | undefined): void {
  expect(table?.length ?? 0).toBeGreaterThanOrEqual(10);
  expect(table?.filter((v) => v.right).length ?? 0).toBeGreaterThanOrEqual(4);
  expect(table?.filter((v) => !v.right).length ?? 0).toBeGreaterThanOrEqual(5);
}
