import type { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { durationSeconds } from '../duration.js';
import { memoized } from '../memo.js';

/** PromQL's syntax tree (lezer-promql), kept for the last 1,000 texts: trees are never changed. */
export const parsePromql: (promql: string) => Tree = memoized((promql) => parser.parse(promql), 1_000);

export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Selector {
  metric: string | undefined;
  matchers: LabelMatcher[];
  /** Range of a matrix selector in seconds (`[5m]` → 300), if any. */
  rangeSeconds: number | undefined;
  text: string;
}

/** The vector selectors of a PromQL expression, for diagnosing empty results. Pure. */
export function selectorsOf(promql: string): Selector[] {
  const tree = parsePromql(promql);
  const selectors: Selector[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.name !== 'VectorSelector') continue;
    const node = cursor.node;
    const text = promql.slice(node.from, node.to);
    const identifier = node.getChild('Identifier');
    const matchers: LabelMatcher[] = [];
    for (const m of node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
      const label = m.getChild('LabelName');
      const op = m.getChild('MatchOp');
      const value = m.getChild('StringLiteral');
      if (!label || !op || !value) continue;
      matchers.push({
        label: promql.slice(label.from, label.to),
        op: promql.slice(op.from, op.to) as LabelMatcher['op'],
        value: unquote(promql.slice(value.from, value.to)),
      });
    }
    const metric = identifier
      ? promql.slice(identifier.from, identifier.to)
      : matchers.find((m) => m.label === '__name__')?.value;
    const range = node.parent?.name === 'MatrixSelector' ? node.parent.getChild('DurationExpr') : null;
    selectors.push({
      metric,
      matchers: matchers.filter((m) => m.label !== '__name__'),
      rangeSeconds: range ? durationSeconds(promql.slice(range.from, range.to)) : undefined,
      text,
    });
  } while (cursor.next());
  return selectors;
}

export type Comparison = '>' | '<' | '>=' | '<=' | '==' | '!=';
const comparisonNodes: Record<string, Comparison> = {
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  Eql: '==',
  Neq: '!=',
};
const flipped: Record<Comparison, Comparison> = {
  '>': '<',
  '<': '>',
  '>=': '<=',
  '<=': '>=',
  '==': '==',
  '!=': '!=',
};

/** `left op right` at the top of an expression (outer parentheses dropped); undefined otherwise. */
export interface TopComparison {
  left: string;
  op: Comparison;
  right: string;
  /** `> bool`: a 0/1 value per series instead of a filter. */
  bool: boolean;
}

/**
 * The comparison an alert-style query ends in, turned so that the number is on the right
 * (`0.05 < x` is `x > 0.05`). Pure, from the PromQL syntax tree.
 */
export function topComparison(promql: string): TopComparison | undefined {
  let node = parsePromql(promql).topNode.firstChild;
  while (node?.name === 'ParenExpr' && node.firstChild) node = node.firstChild;
  if (node?.name !== 'BinaryExpr') return undefined;
  const parts: { name: string; text: string }[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling)
    parts.push({ name: c.name, text: promql.slice(c.from, c.to) });
  const opPart = parts.find((p) => p.name in comparisonNodes);
  if (!opPart) return undefined;
  const op = comparisonNodes[opPart.name] as Comparison;
  const bool = parts.some((p) => p.name === 'BoolModifier');
  const left = parts[0]?.text ?? '';
  const right = parts.at(-1)?.text ?? '';
  const isNumber = (t: string) => /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t.trim());
  return isNumber(left) && !isNumber(right)
    ? { left: right, op: flipped[op], right: left, bool }
    : { left, op, right, bool };
}

/** A PromQL string literal's value ("…", '…' or `…`). */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/"/g, '\\"')}"` : literal);
  } catch {
    return literal.slice(1, -1);
  }
}
