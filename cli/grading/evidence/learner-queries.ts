import type { LoggedQuery } from '../../querylog/parse.js';
import {
  exprKey,
  isNumberLiteral,
  lastOverTimeSelector,
  rangeSelectorKeys,
  subexpressionKeys,
} from '../promql-tree.js';

/** Why a logged query is not the learner's own work. */
export type NotTheirs =
  | 'sent by a program (POST: Grafana, scripts)'
  | "the UI's tree view or Explain"
  | 'a bare number';

/** How soon after the query they explain the 3.5 UI's tree-view queries are logged... */
export const explainWindowMs = 2_500;
/** ...or before it (the log is in completion order: a quick node may finish before its root). */
const explainLeadMs = 500;

/**
 * The queries the learner typed, from everything the query log holds (already without rule
 * evaluations, the UI's clock check and workshop's own). Left out: what came by POST (Grafana's
 * data source and alert rules; the Prometheus UIs send GET), bare numbers, and what the 3.5 UI's
 * tree view and Explain send on their own: an instant query that is a strict subexpression of an
 * instant query logged up to a couple of seconds before it (the tree re-sends its root as an
 * instant query), or the `last_over_time(…)` wrapper of one of its range selectors. A range
 * query (the Graph tab) is always the learner's. Pure.
 */
export function learnersOwn(all: LoggedQuery[]): LoggedQuery[] {
  return classify(all).flatMap((c) => (c.notTheirs ? [] : [c.query]));
}

export function classify(all: LoggedQuery[]): { query: LoggedQuery; notTheirs?: NotTheirs }[] {
  const sorted = [...all].sort((a, b) => a.loggedAtMs - b.loggedAtMs);
  const subs = memo(subexpressionKeys);
  const ranges = memo(rangeSelectorKeys);
  const keys = memo((q: string) => exprKey(q) ?? `text:${q}`);
  const instant = sorted.filter((q) => q.method !== 'POST' && q.stepSeconds === 0);
  let from = 0;
  return sorted.map((query) => {
    if (query.method === 'POST') return { query, notTheirs: 'sent by a program (POST: Grafana, scripts)' };
    if (isNumberLiteral(query.query)) return { query, notTheirs: 'a bare number' };
    if (query.stepSeconds !== 0) return { query };
    while (
      from < instant.length &&
      (instant[from] as LoggedQuery).loggedAtMs < query.loggedAtMs - explainWindowMs
    )
      from++;
    const key = keys(query.query);
    const wrapped = lastOverTimeSelector(query.query);
    for (let i = from; i < instant.length; i++) {
      const other = instant[i] as LoggedQuery;
      if (other.loggedAtMs > query.loggedAtMs + explainLeadMs) break;
      if (other === query || other.query === query.query) continue;
      if (subs(other.query).has(key) || (wrapped !== undefined && ranges(other.query).has(wrapped)))
        return { query, notTheirs: "the UI's tree view or Explain" };
    }
    return { query };
  });
}

function memo<T>(fn: (q: string) => T): (q: string) => T {
  const cache = new Map<string, T>();
  return (q) => {
    let v = cache.get(q);
    if (v === undefined) {
      v = fn(q);
      cache.set(q, v);
    }
    return v;
  };
}
