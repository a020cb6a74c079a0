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
  | "Grafana's data source health check"
  | 'sent by a program (POST: Grafana, scripts)'
  | "the UI's tree view or Explain"
  | 'a bare number';

/** How soon after the query they explain the 3.5 UI's tree-view queries are logged... */
export const explainWindowMs = 2_500;
/** ...or before it (the log is in completion order: a quick node may finish before its root). */
const explainLeadMs = 500;
/**
 * A query sent without a `time` (the tree view's node queries) is evaluated at "now" and logged
 * within a few ms (recorded: 0-7 ms); the UI's Execute sends the browser's time, logged 10 ms or
 * more after it (recorded: 10-400 ms).
 */
const untimedMs = 8;

/**
 * The queries the learner typed, from everything the query log holds (already without rule
 * evaluations, the UI's clock check and workshop's own). Left out: Grafana's data source health
 * check (`1+1` at 1970-01-01T00:00:04Z), what came by POST (Grafana's data source and alert rules;
 * the Prometheus UIs send GET), bare numbers, and what the 3.5 UI's tree view and Explain send on
 * their own: an instant query that is a strict subexpression of an instant query logged up to a
 * couple of seconds before it (or after it, when it was sent without a `time`), the
 * `last_over_time(…)` wrapper of one of its range selectors, the learner's latest query again in
 * the UI's formatting (or in the same text, sent without a `time`), and a node of its tree run
 * later (the learner clicked it in the tree: a text the tree view sent for their latest query).
 * (Their latest query retyped in another formatting is left out too: nothing new to grade.)
 * Undecidable from the log, and so left out (a click must never earn a pass): a part of their
 * latest query retyped in exactly the UI's formatting after its tree was shown. Pure.
 */
export function learnersOwn(all: LoggedQuery[]): LoggedQuery[] {
  return classify(all).flatMap((c) => (c.notTheirs ? [] : [c.query]));
}

export function classify(all: LoggedQuery[]): { query: LoggedQuery; notTheirs?: NotTheirs }[] {
  const sorted = [...all].sort((a, b) => a.loggedAtMs - b.loggedAtMs);
  const keys = (q: string) => exprKey(q) ?? `text:${q}`;
  const instant = sorted.filter((q) => q.method !== 'POST' && q.stepSeconds === 0);
  let from = 0;
  // The learner's latest query, and the texts the tree view sent for it since.
  let root: LoggedQuery | undefined;
  const treeTexts = new Set<string>();

  const partOfTree = (query: LoggedQuery): boolean => {
    while (
      from < instant.length &&
      (instant[from] as LoggedQuery).loggedAtMs < query.loggedAtMs - explainWindowMs
    )
      from++;
    const key = keys(query.query);
    if (root && key === keys(root.query) && (query.query !== root.query || untimed(query))) return true;
    const lead = untimed(query) ? explainWindowMs : explainLeadMs;
    const wrapped = lastOverTimeSelector(query.query);
    for (let i = from; i < instant.length; i++) {
      const other = instant[i] as LoggedQuery;
      if (other.loggedAtMs > query.loggedAtMs + lead) break;
      if (other === query || other.query === query.query) continue;
      if (
        subexpressionKeys(other.query).has(key) ||
        (wrapped !== undefined && rangeSelectorKeys(other.query).has(wrapped))
      )
        return true;
    }
    return treeTexts.has(query.query);
  };
  return sorted.map((query) => {
    if (isHealthCheck(query)) return { query, notTheirs: "Grafana's data source health check" };
    if (query.method === 'POST') return { query, notTheirs: 'sent by a program (POST: Grafana, scripts)' };
    if (isNumberLiteral(query.query)) return { query, notTheirs: 'a bare number' };
    if (query.stepSeconds === 0 ? partOfTree(query) : treeTexts.has(query.query)) {
      treeTexts.add(query.query);
      return { query, notTheirs: "the UI's tree view or Explain" };
    }
    root = query;
    treeTexts.clear();
    return { query };
  });
}

/** Sent without a `time` parameter: evaluated when it was logged. */
function untimed(q: LoggedQuery): boolean {
  const ms = q.loggedAtMs - q.evaluatedAtMs;
  return ms >= 0 && ms <= untimedMs;
}

/** Grafana's "Save & test" of a Prometheus data source: `1+1` evaluated at Unix second 4. */
function isHealthCheck(q: LoggedQuery): boolean {
  return q.evaluatedAtMs === 4_000 && q.query.replace(/\s/g, '') === '1+1';
}
