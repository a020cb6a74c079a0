import { appendFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecordedSessions, recordedLines } from '../../test/fixtures/querylog/sessions.js';
import { parseQueryLogLine } from './parse.js';
import { fileSource } from './source.js';
import { readAttempts, syncQueryLog } from './store.js';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const recorded = await loadRecordedSessions();
function session(id: string) {
  const found = recorded.find((s) => s.id === id);
  if (!found) throw new Error(`no recorded session ${id}`);
  return found;
}

describe('parseQueryLogLine (lines recorded from Prometheus 2.42 and 3.5.3)', () => {
  it("prometheus-2.42.log: keeps the learner's queries, drops rules, the UI clock and workshop's own", async () => {
    const lines = (await fixture('prometheus-2.42.log')).trim().split('\n').map(parseQueryLogLine);
    const queries = lines.flatMap((l) => (l.kind === 'query' ? [l.query] : []));
    expect(queries.map((q) => q.query.split('\n')[0])).toEqual([
      'rate(flask_http_request_duration_seconds_count[5m])',
      'sum by (path) (rate(flask_http_request_duration_seconds_count[5m]))',
      '(',
      'up * on() up',
    ]);
    expect(queries[1]?.stepSeconds).toBe(14);
    expect(queries[0]?.stepSeconds).toBe(0);
    expect(queries[2]?.query).toContain('# error share');
    expect(queries[3]?.error).toContain('found duplicate series');
    expect(queries[0]?.evaluatedAtMs).toBe(Date.parse('2026-12-02T09:52:28.643Z'));
    const ignored = lines.flatMap((l) => (l.kind === 'ignored' ? [l.why] : []));
    expect(ignored.sort()).toEqual([
      'rule evaluation',
      'rule evaluation',
      'rule evaluation',
      "the UI's clock check",
      "workshop's own query",
    ]);
  });

  it('a 3.5.3 session (slog JSON): the same kinds of lines, in 3.x format', async () => {
    const lines = (await recordedLines(session('3.5.3/rules-and-errors'))).map(parseQueryLogLine);
    const queries = lines.flatMap((l) => (l.kind === 'query' ? [l.query] : []));
    const ratePerPath = 'sum by (path) (rate(flask_http_request_duration_seconds_count[5m]))';
    expect(queries.map((q) => [q.query.split('\n')[0], q.stepSeconds])).toEqual([
      ['rate(flask_http_request_duration_seconds_count[5m])', 0],
      ['rate(flask_http_request_duration_seconds_count[5m])', 14], // the Graph tab re-runs it
      [ratePerPath, 14],
      [ratePerPath, 0], // and so does the Table tab
      ['(', 0],
      ['up * on() up', 0],
    ]);
    expect(queries[4]?.query).toMatch(/# error share$/);
    expect(queries[5]?.error).toContain('many-to-many matching not allowed');
    // `time` has nanoseconds; the query was logged when it finished, after it was evaluated.
    expect(queries[0]?.evaluatedAtMs).toBe(Date.parse('2026-12-05T05:51:05.597Z'));
    expect(queries[0]?.loggedAtMs).toBe(Date.parse('2026-12-05T05:51:05.642Z'));
    const ignored = lines.flatMap((l) => (l.kind === 'ignored' ? [l.why] : []));
    expect(ignored.filter((why) => why === 'rule evaluation')).toHaveLength(6);
    expect(ignored.filter((why) => why !== 'rule evaluation')).toEqual(["the UI's clock check"]);
  });

  it('reads 3.x `time` written in the local time zone (+01:00) as the right instant', async () => {
    const [line] = await recordedLines(session('3.5.3/local-time-zone'));
    expect(line).toContain('+01:00"');
    const parsed = parseQueryLogLine(line ?? '');
    if (parsed.kind !== 'query') throw new Error(`not a query: ${parsed.kind}`);
    // Written at 06:54:09.814803944+01:00; evaluated at 05:54:09.814Z (params are UTC).
    expect(parsed.query.loggedAtMs).toBe(Date.parse('2026-12-05T05:54:09.814Z'));
    expect(parsed.query.evaluatedAtMs).toBe(Date.parse('2026-12-05T05:54:09.814Z'));
  });

  it.each(recorded.map((s) => [s.id, s] as const))(
    "recorded session %s: every line parses; rules, the clock check and workshop's own are left out",
    async (_id, s) => {
      const lines = await recordedLines(s);
      const parsed = lines.map(parseQueryLogLine);
      expect(parsed.filter((p) => p.kind === 'damaged')).toEqual([]);
      const leftOutByParser = new Set(['rule evaluation', "the UI's clock check", "workshop's own query"]);
      const leftOut = new Map(
        s.notLearner.filter((l) => leftOutByParser.has(l.why)).map((l) => [l.line, l.why]),
      );
      parsed.forEach((p, i) => {
        const why = leftOut.get(i + 1);
        expect(p, `line ${i + 1}`).toMatchObject(why ? { kind: 'ignored', why } : { kind: 'query' });
      });
      // Today's attempts: every line but rules, the clock check and workshop's own (tree view and
      // Grafana lines still count; telling them apart is the grading's job).
      expect(parsed.filter((p) => p.kind === 'query')).toHaveLength(lines.length - leftOut.size);
    },
  );

  it('calls a line that is not a query log line damaged', () => {
    expect(parseQueryLogLine('{"msg":"x"}')).toEqual({ kind: 'damaged' });
    expect(parseQueryLogLine('not json')).toEqual({ kind: 'damaged' });
  });
});

describe('syncQueryLog (incremental, with a saved offset)', () => {
  async function setup() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-qlog-'));
    const log = path.join(dir, 'queries.log');
    const lines = (await fixture('prometheus-2.42.log')).trim().split('\n');
    return { dir, log, lines, state: path.join(dir, 'state') };
  }

  it('reads only what is new, and never half a line', async () => {
    const { log, lines, state } = await setup();
    await writeFile(log, `${lines.slice(0, 3).join('\n')}\n`);
    expect((await syncQueryLog(fileSource(log), state)).added).toHaveLength(1);
    expect((await syncQueryLog(fileSource(log), state)).added).toHaveLength(0);
    const rest = lines.slice(3).join('\n');
    await appendFile(log, rest.slice(0, 40)); // a line still being written
    expect((await syncQueryLog(fileSource(log), state)).added).toHaveLength(0);
    await appendFile(log, `${rest.slice(40)}\n`);
    expect((await syncQueryLog(fileSource(log), state)).added).toHaveLength(3);
    expect((await readAttempts(state)).map((a) => a.stepSeconds)).toEqual([0, 14, 0, 0]);
  });

  it('starts over after the log is truncated in place or replaced, and keeps what it had read', async () => {
    const { log, lines, state } = await setup();
    await writeFile(log, `${lines.join('\n')}\n`);
    await syncQueryLog(fileSource(log), state);
    await truncate(log, 0);
    await appendFile(log, `${lines[2]}\n`);
    expect((await syncQueryLog(fileSource(log), state)).added).toHaveLength(1);
    await rm(log);
    await writeFile(log, `${lines[3]}\n${lines[2]}\n`);
    expect((await syncQueryLog(fileSource(log), state)).added).toHaveLength(2);
    // The same query read twice (the same line again) is one attempt; nothing read before is lost.
    expect(await readAttempts(state)).toHaveLength(4);
  });

  it('reads from the start again when its saved offset is damaged, and keeps each attempt once', async () => {
    const { log, lines, state } = await setup();
    await writeFile(log, `${lines.join('\n')}\n`);
    const first = (await syncQueryLog(fileSource(log), state)).added.length;
    const offset = (await readdir(state)).find((f) => f.includes('offset'));
    if (!offset) throw new Error('no offset file in the state dir');
    await writeFile(path.join(state, offset), '{"identity": "half a wri');
    expect((await syncQueryLog(fileSource(log), state)).added).toHaveLength(first);
    expect(await readAttempts(state)).toHaveLength(first);
  });

  it('has nothing to read before the log exists', async () => {
    const { log, state } = await setup();
    expect(await syncQueryLog(fileSource(log), state)).toEqual({ added: [], ignored: 0, damaged: 0 });
  });
});

describe('composeSource (the log inside the prometheus container)', () => {
  it('reads size and bytes through docker compose exec, from the saved offset on', async () => {
    const { composeSource } = await import('./source.js');
    const lines = (await fixture('prometheus-2.42.log')).trim().split('\n');
    const content = `${lines.join('\n')}\n`;
    const calls: string[] = [];
    const source = composeSource(async (args) => {
      calls.push(args.join(' '));
      if (args.includes('stat')) return { exitCode: 0, stdout: `${Buffer.byteLength(content)} 1234\n` };
      const from = Number(args[args.indexOf('-c') + 1]?.slice(1)) - 1;
      return { exitCode: 0, stdout: Buffer.from(content).subarray(from).toString('utf8') };
    }, '/prometheus/queries.log');
    const state = path.join(await mkdtemp(path.join(os.tmpdir(), 'workshop-qlog-compose-')), 'state');
    expect((await syncQueryLog(source, state)).added).toHaveLength(4);
    expect(calls).toEqual([
      'exec -T prometheus stat -c %s %i /prometheus/queries.log',
      'exec -T prometheus tail -c +1 /prometheus/queries.log',
    ]);
    expect((await syncQueryLog(source, state)).added).toHaveLength(0);
  });
});
