import type { AlertRule } from './schemas.js';

type AlertQuery = AlertRule['data'][number];

/** What an alert rule's condition watches, read from Grafana's alert model. */
export interface AlertCondition {
  /** The data-source query the condition is computed from (PromQL in model.expr). */
  query: AlertQuery | undefined;
  /** The comparison, as Grafana names it: gt (IS ABOVE), lt (IS BELOW), within_range, … */
  comparison: { type: string; value: number | undefined } | undefined;
  /** The reducers on the way (Reduce expressions, classic conditions): last, mean, max, count, … */
  reducers: string[];
}

const words: Record<string, string> = {
  '>': 'gt',
  '<': 'lt',
  '>=': 'gte',
  '<=': 'lte',
  '==': 'eq',
  '!=': 'ne',
};

/**
 * Follows the condition back to its query, the way Grafana evaluates it: a Threshold or Math
 * expression compares, a Reduce expression reduces, a classic condition does both; each names
 * its input by refId. Pure; cycles and dangling refIds end the walk.
 */
export function alertCondition(rule: AlertRule): AlertCondition {
  const out: AlertCondition = { query: undefined, comparison: undefined, reducers: [] };
  const seen = new Set<string>();
  let refId: string | undefined = rule.condition;
  while (refId !== undefined && !seen.has(refId)) {
    seen.add(refId);
    const node = rule.data.find((d) => d.refId === refId);
    if (!node) break;
    const m = node.model;
    if (typeof m.expr === 'string') {
      out.query = node;
      break;
    }
    refId = undefined;
    const input = typeof m.expression === 'string' ? m.expression.trim() : '';
    if (m.type === 'threshold' || m.type === 'classic_conditions') {
      const cond = (Array.isArray(m.conditions) ? m.conditions[0] : undefined) as
        | {
            evaluator?: { type?: string; params?: unknown[] };
            reducer?: { type?: string };
            query?: { params?: unknown[] };
          }
        | undefined;
      const value = cond?.evaluator?.params?.[0];
      out.comparison ??= {
        type: cond?.evaluator?.type ?? '?',
        value: typeof value === 'number' ? value : undefined,
      };
      if (m.type === 'classic_conditions') {
        if (cond?.reducer?.type) out.reducers.push(cond.reducer.type);
        const q = cond?.query?.params?.[0];
        refId = typeof q === 'string' ? q : undefined;
      } else refId = input.replace(/^\$\{?|\}$/g, '');
    } else if (m.type === 'reduce') {
      if (typeof m.reducer === 'string') out.reducers.push(m.reducer);
      refId = input.replace(/^\$\{?|\}$/g, '');
    } else if (m.type === 'math') {
      // "$B > 5": one input compared with a number.
      const math = input.match(/^\$\{?(\w+)\}?\s*(>=|<=|==|!=|>|<)\s*([-+]?[\d.]+)$/);
      if (math) {
        out.comparison ??= { type: words[math[2] as string] as string, value: Number(math[3]) };
        refId = math[1];
      }
    }
  }
  return out;
}
