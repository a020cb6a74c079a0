import { describe, expect, it } from 'vitest';
import {
  loadRecordedSessions,
  type RecordedSession,
  recordedLines,
} from '../../../test/fixtures/querylog/sessions.js';
import { type LoggedQuery, type ParsedLine, parseQueryLogLine } from '../../querylog/parse.js';
import { classify, type NotTheirs } from './learner-queries.js';

type Why = RecordedSession['notLearner'][number]['why'];
type Dropped =
  | { layer: 'parse'; why: Extract<ParsedLine, { kind: 'ignored' }>['why'] }
  | { layer: 'filter'; why: NotTheirs };

/** Which layer must leave out each kind of line the ground truth says is not the learner's, and why. */
const expected: Record<Why, Dropped> = {
  "the UI's clock check": { layer: 'parse', why: "the UI's clock check" },
  'rule evaluation': { layer: 'parse', why: 'rule evaluation' },
  "workshop's own query": { layer: 'parse', why: "workshop's own query" },
  'tree view: number literal': { layer: 'filter', why: 'a bare number' },
  'tree view: last_over_time wrapper of a selector': {
    layer: 'filter',
    why: "the UI's tree view or Explain",
  },
  'tree view: subexpression': { layer: 'filter', why: "the UI's tree view or Explain" },
  "tree view: root in the UI's formatting": { layer: 'filter', why: "the UI's tree view or Explain" },
  'tree view: previous root re-run': { layer: 'filter', why: "the UI's tree view or Explain" },
  // A node clicked long after its root leaves the same line as its text typed again: taken for a
  // click (a click must never earn a pass), see learnersOwn.
  'tree node selected': { layer: 'filter', why: "the UI's tree view or Explain" },
  'Grafana data source health check': { layer: 'filter', why: "Grafana's data source health check" },
  'Grafana panel query': { layer: 'filter', why: 'sent by a program (POST: Grafana, scripts)' },
};

/** Each line of a recorded log through the real path: parse, then the learner's-own filter. */
function throughTheFilter(lines: string[]): Map<number, Dropped | 'theirs' | 'damaged'> {
  const out = new Map<number, Dropped | 'theirs' | 'damaged'>();
  const lineOf = new Map<LoggedQuery, number>();
  lines.forEach((text, i) => {
    const parsed = parseQueryLogLine(text);
    if (parsed.kind === 'query') lineOf.set(parsed.query, i + 1);
    else out.set(i + 1, parsed.kind === 'ignored' ? { layer: 'parse', why: parsed.why } : 'damaged');
  });
  for (const { query, notTheirs } of classify([...lineOf.keys()]))
    out.set(lineOf.get(query) as number, notTheirs ? { layer: 'filter', why: notTheirs } : 'theirs');
  return out;
}

const sessions = await loadRecordedSessions();

describe("recorded query logs: exactly the learner's own lines are kept (sessions.json)", () => {
  it.each(sessions.map((s) => [s.id, s] as const))('%s', async (_id, session) => {
    const lines = await recordedLines(session);
    const got = throughTheFilter(lines);
    expect(got.size).toBe(lines.length);
    const kept = [...got].filter(([, v]) => v === 'theirs').map(([line]) => line);
    expect(kept.sort((a, b) => a - b)).toEqual(session.learnerQueries.map((l) => l.line));
    for (const { line, why } of session.notLearner)
      expect(got.get(line), `line ${line}: ${why}`).toEqual(expected[why]);
  });

  it('covers every kind of line that is not the learner’s', () => {
    const whys = new Set(sessions.flatMap((s) => s.notLearner.map((l) => l.why)));
    expect([...whys].sort()).toEqual(Object.keys(expected).sort());
  });
});
