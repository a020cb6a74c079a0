import type { SyntaxNode } from '@lezer/common';
import { parsePromql, unquote } from '../checks/promql-syntax.js';
import { durationSeconds } from '../duration.js';
import { memoized } from '../memo.js';

/**
 * A PromQL expression's structure as a string that ignores how it is written: whitespace, outer
 * and redundant parentheses, where `by (…)` stands, the order of grouping labels and of label
 * matchers, `[5m]` or `[300s]`, `0.50` or `.5`. Two texts with one key are one query. Pure.
 */
export const exprKey = memoized(function exprKey(promql: string): string | undefined {
  const tree = parsePromql(promql);
  const top = tree.topNode.firstChild;
  if (!top || hasError(tree.topNode)) return undefined;
  return keyOf(top, promql);
});

/** The keys of every subexpression of a query (the whole one excluded), for the UI's tree view. */
export const subexpressionKeys = memoized(function subexpressionKeys(promql: string): ReadonlySet<string> {
  const tree = parsePromql(promql);
  const out = new Set<string>();
  const top = tree.topNode.firstChild;
  if (!top || hasError(tree.topNode)) return out;
  const whole = keyOf(top, promql);
  tree.iterate({
    enter: (ref) => {
      if (!isExpr(ref.name)) return;
      const k = keyOf(ref.node, promql);
      if (k !== whole) out.add(k);
    },
  });
  return out;
});

/** The selectors of range selectors (`x{…}[5m]` gives the key of `x{…}`), for `last_over_time(…)`. */
export const rangeSelectorKeys = memoized(function rangeSelectorKeys(promql: string): ReadonlySet<string> {
  const out = new Set<string>();
  parsePromql(promql).iterate({
    enter: (ref) => {
      if (ref.name !== 'MatrixSelector') return;
      const sel = ref.node.getChild('VectorSelector');
      if (sel) out.add(keyOf(sel, promql));
    },
  });
  return out;
});

/** A bare number (`0.95`, `100`): never a query a learner means. */
export function isNumberLiteral(promql: string): boolean {
  const top = unparen(parsePromql(promql).topNode.firstChild);
  return (
    top?.name === 'NumberDurationLiteral' ||
    (top?.name === 'UnaryExpr' && top.lastChild?.name === 'NumberDurationLiteral')
  );
}

/**
 * `last_over_time(sel[…])`, as the 3.5 UI's tree view sends for a range selector: the key of
 * `sel`, or undefined when the query is something else.
 */
export function lastOverTimeSelector(promql: string): string | undefined {
  const top = unparen(parsePromql(promql).topNode.firstChild);
  if (top?.name !== 'FunctionCall') return undefined;
  const id = top.getChild('FunctionIdentifier');
  if (!id || promql.slice(id.from, id.to) !== 'last_over_time') return undefined;
  const body = top.getChild('FunctionCallBody');
  const m = body?.getChild('MatrixSelector');
  const sel = m?.getChild('VectorSelector');
  return sel ? keyOf(sel, promql) : undefined;
}

const exprNames = new Set([
  'AggregateExpr',
  'BinaryExpr',
  'FunctionCall',
  'MatrixSelector',
  'NumberDurationLiteral',
  'OffsetExpr',
  'ParenExpr',
  'StringLiteral',
  'SubqueryExpr',
  'UnaryExpr',
  'VectorSelector',
  'StepInvariantExpr',
]);
const isExpr = (name: string) => exprNames.has(name);

function hasError(node: SyntaxNode): boolean {
  let bad = false;
  node.toTree().iterate({
    enter: (n) => {
      if (n.type.isError) bad = true;
      return !bad;
    },
  });
  return bad;
}

function unparen(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let n = node ?? undefined;
  while (n?.name === 'ParenExpr') n = children(n).find((c) => isExpr(c.name));
  return n;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function keyOf(node: SyntaxNode, promql: string): string {
  const text = (n: SyntaxNode) => promql.slice(n.from, n.to);
  switch (node.name) {
    case 'ParenExpr': {
      const inner = unparen(node);
      return inner ? keyOf(inner, promql) : text(node);
    }
    case 'NumberDurationLiteral':
    case 'NumberDurationLiteralInDurationContext': {
      const t = text(node);
      const n = Number(t);
      if (!Number.isNaN(n)) return String(n);
      const seconds = durationSeconds(t);
      return seconds === undefined ? t : `${seconds}s`;
    }
    case 'StringLiteral':
      return JSON.stringify(unquote(text(node)));
    case 'VectorSelector': {
      const id = node.getChild('Identifier');
      const matchers = (node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []).map(
        (m) => {
          const [l, op, v] = [m.getChild('LabelName'), m.getChild('MatchOp'), m.getChild('StringLiteral')];
          return `${l ? text(l) : ''}${op ? text(op) : ''}${v ? JSON.stringify(unquote(text(v))) : ''}`;
        },
      );
      const name = id ? text(id) : '';
      const rest = matchers.filter((m) => !(m.startsWith('__name__=') && !m.startsWith('__name__=~')));
      const nameMatcher = matchers.find((m) => m.startsWith('__name__=') && !m.startsWith('__name__=~'));
      const metric = name || (nameMatcher ? JSON.parse(nameMatcher.slice('__name__='.length)) : '');
      return `${metric}{${rest.sort().join(',')}}`;
    }
    case 'AggregateExpr': {
      const op = node.getChild('AggregateOp');
      const mod = node.getChild('AggregateModifier');
      const labels = (mod?.getChild('GroupingLabels')?.getChildren('LabelName') ?? []).map(text).sort();
      const how = mod ? (mod.getChild('Without') ? 'without' : 'by') : 'by';
      const body = node.getChild('FunctionCallBody');
      const args = body
        ? children(body)
            .filter((c) => isExpr(c.name))
            .map((c) => keyOf(c, promql))
        : [];
      return `${op ? text(op).toLowerCase() : '?'} ${how}(${labels.join(',')})(${args.join(',')})`;
    }
    case 'FunctionCall': {
      const id = node.getChild('FunctionIdentifier');
      const body = node.getChild('FunctionCallBody');
      const args = body
        ? children(body)
            .filter((c) => isExpr(c.name))
            .map((c) => keyOf(c, promql))
        : [];
      return `${id ? text(id) : '?'}(${args.join(',')})`;
    }
    default: {
      const kids = children(node);
      if (kids.length === 0) return `${node.name}`;
      return `${node.name}(${kids
        .map((c) => (c.name === 'LabelName' || c.name === 'Identifier' ? text(c) : keyOf(c, promql)))
        .join(' ')})`;
    }
  }
}
