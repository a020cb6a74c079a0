import type { SyntaxNode } from '@lezer/common';
import { parsePromql, selectorsOf } from '../checks/promql-syntax.js';

/** What a PromQL expression is made of, read from its syntax tree: what near-miss rules compare. */
export interface Shape {
  /** Function calls by name, each with the text of its arguments. */
  calls: { name: string; args: string; node: SyntaxNode }[];
  /** Aggregations (sum, avg, …) with their `by`/`without` labels (undefined: no grouping). */
  aggregations: { op: string; by: string[] | undefined; without: boolean; node: SyntaxNode }[];
  selectors: ReturnType<typeof selectorsOf>;
  /** The top node (outer parentheses dropped). */
  top: SyntaxNode | undefined;
  text: string;
}

export function shapeOf(promql: string): Shape {
  const tree = parsePromql(promql);
  const shape: Shape = {
    calls: [],
    aggregations: [],
    selectors: selectorsOf(promql),
    top: undefined,
    text: promql,
  };
  const slice = (n: SyntaxNode) => promql.slice(n.from, n.to);
  tree.iterate({
    enter: (ref) => {
      const n = ref.node;
      if (n.name === 'FunctionCall') {
        const id = n.getChild('FunctionIdentifier');
        const body = n.getChild('FunctionCallBody');
        if (id) shape.calls.push({ name: slice(id), args: body ? slice(body) : '', node: n });
      }
      if (n.name === 'AggregateExpr') {
        const op = n.getChild('AggregateOp');
        const modifier = n.getChild('AggregateModifier');
        const labels = modifier?.getChild('GroupingLabels')?.getChildren('LabelName').map(slice);
        shape.aggregations.push({
          op: op ? slice(op) : '',
          by: modifier ? (labels ?? []) : undefined,
          without: modifier?.getChild('Without') !== null && modifier !== null,
          node: n,
        });
      }
    },
  });
  let top = tree.topNode.firstChild;
  while (top?.name === 'ParenExpr' && top.firstChild) top = top.firstChild;
  shape.top = top ?? undefined;
  return shape;
}

export const rateFunctions = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv']);

/** Metric names without the _count / _bucket / _sum / _total suffixes: which "family" a query reads. */
export function families(promql: string): Set<string> {
  return new Set(
    selectorsOf(promql)
      .map((s) => s.metric)
      .filter((m): m is string => Boolean(m))
      .map((m) => m.replace(/_(count|bucket|sum|total|created)$/, '')),
  );
}

/** The words of a query: names, numbers, strings and operators, for comparing two queries. */
function tokens(promql: string): string[] {
  const text = promql.replace(/#.*$/gm, '');
  return (
    text.match(
      /[a-zA-Z_:][a-zA-Z0-9_:]*|\d+(?:\.\d+)?|"[^"]*"|'[^']*'|=~|!~|!=|==|>=|<=|[(){}[\],=<>*/+\-^%]/g,
    ) ?? []
  );
}

/** How alike two queries are, 0 to 1 (shared words over all words, counted with repeats). Pure. */
export function similarity(a: string, b: string): number {
  const count = (ts: string[]) => {
    const m = new Map<string, number>();
    for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const [ca, cb] = [count(tokens(a)), count(tokens(b))];
  let shared = 0;
  let all = 0;
  for (const key of new Set([...ca.keys(), ...cb.keys()])) {
    const [x, y] = [ca.get(key) ?? 0, cb.get(key) ?? 0];
    shared += Math.min(x, y);
    all += Math.max(x, y);
  }
  return all === 0 ? 0 : shared / all;
}
