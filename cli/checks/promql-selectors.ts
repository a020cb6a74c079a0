import { parser } from '@prometheus-io/lezer-promql';

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
  const tree = parser.parse(promql);
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

/** Whether the parser found a syntax error (Prometheus gives the exact message). */
export function hasSyntaxError(promql: string): boolean {
  let error = false;
  parser.parse(promql).iterate({
    enter: (n) => {
      if (n.type.isError) error = true;
    },
  });
  return error;
}

const units: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  y: 31_536_000,
};

/** Prometheus durations such as `5m`, `1h30m`, `90s`; undefined when not one. */
export function durationSeconds(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] as string] ?? 0), 0);
}

function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal.startsWith("'") ? `"${literal.slice(1, -1).replace(/"/g, '\\"')}"` : literal);
  } catch {
    return literal.slice(1, -1);
  }
}
