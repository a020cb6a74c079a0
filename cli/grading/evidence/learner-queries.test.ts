import { describe, expect, it } from 'vitest';
import type { LoggedQuery } from '../../querylog/parse.js';
import { classify, learnersOwn } from './learner-queries.js';

const c = 'flask_http_request_duration_seconds_count';
const t0 = Date.parse('2026-12-05T05:00:00Z');
const q = (query: string, atS: number, method = 'GET'): LoggedQuery => ({
  query,
  evaluatedAtMs: t0 + atS * 1000,
  loggedAtMs: t0 + atS * 1000,
  stepSeconds: 0,
  method,
});

// What the 3.5 UI sends with the tree view open (shapes from /work/shared/reference/prometheus-ui.md:
// the root re-sent in the UI's formatting, one query per node, range selectors wrapped in
// last_over_time, number literals, duplicates).
const c3 = `(\n  sum(rate(${c}{status=~"4..|5.."}[5m]))\n  /\n  sum(rate(${c}[5m]))\n) * 100`;
const treeBurst = [
  q(c3, 0),
  q(`(sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m]))) * 100`, 0.2),
  q(`sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m]))`, 0.3),
  q(`sum(rate(${c}{status=~"4..|5.."}[5m]))`, 0.4),
  q(`rate(${c}{status=~"4..|5.."}[5m])`, 0.5),
  q(`last_over_time(${c}{status=~"4..|5.."}[5m])`, 0.6),
  q(`sum(rate(${c}[5m]))`, 0.7),
  q(`rate(${c}[5m])`, 0.8),
  q(`rate(${c}[5m])`, 0.8),
  q(`last_over_time(${c}[5m])`, 0.9),
  q('100', 1.0),
];

describe("learnersOwn: only the learner's own queries", () => {
  it("keeps the typed query and drops the tree view's subexpressions, wrappers and numbers", () => {
    expect(learnersOwn(treeBurst).map((a) => a.query)).toEqual([treeBurst[0]?.query, treeBurst[1]?.query]);
    const why = classify(treeBurst).map((x) => x.notTheirs);
    expect(why.filter((w) => w === "the UI's tree view or Explain")).toHaveLength(8);
    expect(why.at(-1)).toBe('a bare number');
  });

  it('drops what came by POST: Grafana data source and alert queries', () => {
    const grafana = [q(`sum(rate(${c}[5m])) by (path)`, 5, 'POST'), q(c3, 6, 'POST')];
    expect(learnersOwn(grafana)).toEqual([]);
  });

  it('keeps the same subexpression typed on its own, later than the explain window', () => {
    const typed = [...treeBurst, q(`rate(${c}[5m])`, 30)];
    expect(learnersOwn(typed).map((a) => a.loggedAtMs)).toContain(t0 + 30_000);
  });

  it('keeps a query typed just before a longer one that holds it, and every Graph-tab query', () => {
    const typed = [q(c, 0), q(`rate(${c}[5m])`, 1), q(`sum(rate(${c}[5m]))`, 2)];
    expect(learnersOwn(typed)).toHaveLength(3);
    const graph = { ...q(`rate(${c}[5m])`, 0.5), stepSeconds: 14 };
    expect(learnersOwn([q(`sum(rate(${c}[5m]))`, 0), graph])).toHaveLength(2);
  });

  it('keeps queries that are not parts of one another, however close in time', () => {
    const two = [
      q(`rate(${c}[5m])`, 0),
      q(`histogram_quantile(0.95, rate(${c.replace('count', 'bucket')}[5m]))`, 1),
    ];
    expect(learnersOwn(two)).toHaveLength(2);
  });
});
