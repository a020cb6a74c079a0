import { describe, expect, it } from 'vitest';
import type { LoggedQuery } from '../../querylog/parse.js';
import { classify, learnersOwn } from './learner-queries.js';

const c = 'flask_http_request_duration_seconds_count';
const t0 = Date.parse('2026-12-05T05:00:00Z');
// The UI's Execute sends the browser's `time`: logged tens of ms after it.
const q = (query: string, atS: number, method = 'GET'): LoggedQuery => ({
  query,
  evaluatedAtMs: t0 + atS * 1000 - 50,
  loggedAtMs: t0 + atS * 1000,
  stepSeconds: 0,
  method,
});
// The tree view sends no `time`: evaluated at "now", logged within a few ms.
const node = (query: string, atS: number): LoggedQuery => ({
  ...q(query, atS),
  evaluatedAtMs: t0 + atS * 1000,
});

// What the 3.5 UI sends with the tree view open (shapes as in test/fixtures/querylog/prometheus-3.5.3/tree-view.log:
// the root re-sent in the UI's formatting, one query per node, range selectors wrapped in
// last_over_time, number literals, duplicates).
const c3 = `(\n  sum(rate(${c}{status=~"4..|5.."}[5m]))\n  /\n  sum(rate(${c}[5m]))\n) * 100`;
const treeBurst = [
  q(c3, 0),
  q(`(sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m]))) * 100`, 0.2),
  node(`sum(rate(${c}{status=~"4..|5.."}[5m])) / sum(rate(${c}[5m]))`, 0.3),
  node(`sum(rate(${c}{status=~"4..|5.."}[5m]))`, 0.4),
  node(`rate(${c}{status=~"4..|5.."}[5m])`, 0.5),
  node(`last_over_time(${c}{status=~"4..|5.."}[5m])`, 0.6),
  node(`sum(rate(${c}[5m]))`, 0.7),
  node(`rate(${c}[5m])`, 0.8),
  node(`rate(${c}[5m])`, 0.8),
  node(`last_over_time(${c}[5m])`, 0.9),
  node('100', 1.0),
];

describe("learnersOwn: only the learner's own queries", () => {
  it("keeps the typed query and drops the tree view's root in its formatting, subexpressions, wrappers and numbers", () => {
    expect(learnersOwn(treeBurst).map((a) => a.query)).toEqual([treeBurst[0]?.query]);
    const why = classify(treeBurst).map((x) => x.notTheirs);
    expect(why.filter((w) => w === "the UI's tree view or Explain")).toHaveLength(9);
    expect(why.at(-1)).toBe('a bare number');
  });

  it('drops a node of the tree clicked later (Table or Graph tab), until the learner runs another query', () => {
    const clicked = q(`rate(${c}[5m])`, 20);
    const graphed = { ...q(`sum(rate(${c}[5m]))`, 25), stepSeconds: 14 };
    const next = q(`rate(${c}[1m])`, 40);
    const again = q(`rate(${c}[5m])`, 60);
    const why = classify([...treeBurst, clicked, graphed, next, again]).slice(-4);
    expect(why.map((x) => x.notTheirs)).toEqual([
      "the UI's tree view or Explain",
      "the UI's tree view or Explain",
      undefined,
      undefined,
    ]);
  });

  it("drops a part of a query sent without a `time` up to the explain window before its root, not the learner's typed one", () => {
    const root = `sum(rate(${c}[5m]))`;
    expect(learnersOwn([node(`rate(${c}[5m])`, 0), node(root, 2)]).map((a) => a.query)).toEqual([root]);
    expect(learnersOwn([q(`rate(${c}[5m])`, 0), q(root, 2)])).toHaveLength(2);
  });

  it("drops Grafana's data source health check, GET or POST", () => {
    const health = { ...q('1+1', 3), evaluatedAtMs: 4_000 };
    expect(classify([health, { ...health, method: 'POST' }]).map((x) => x.notTheirs)).toEqual([
      "Grafana's data source health check",
      "Grafana's data source health check",
    ]);
  });

  it('drops what came by POST: Grafana data source and alert queries', () => {
    const grafana = [q(`sum(rate(${c}[5m])) by (path)`, 5, 'POST'), q(c3, 6, 'POST')];
    expect(learnersOwn(grafana)).toEqual([]);
  });

  it('keeps the same subexpression typed on its own, later than the explain window, in its own text', () => {
    const typed = [...treeBurst, q(`rate(${c} [5m])`, 30)];
    expect(learnersOwn(typed).map((a) => a.loggedAtMs)).toContain(t0 + 30_000);
  });

  it("drops a node's text retyped exactly after the tree was shown (undecidable from a click)", () => {
    // A click in the tree and the same text typed leave the same line; a click must never earn a pass.
    expect(learnersOwn([...treeBurst, q(`rate(${c}[5m])`, 30)])).toEqual([treeBurst[0]]);
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
