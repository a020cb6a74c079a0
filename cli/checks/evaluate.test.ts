import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exerciseById } from '../../exercises/registry.js';
import type { Assertion, PromqlCheck } from '../../exercises/schema.js';
import { queryData, success } from '../prometheus/schemas.js';
import type { Ledger } from '../traffic/ledger.js';
import { evaluateAssertion } from './assertions.js';
import { bucketFloor } from './buckets.js';
import { type Observation, type Sample, samplesOf, type TrafficFacts, visibleSeries } from './observation.js';
import { evaluate } from './run-checks.js';

/** A response recorded from the real Prometheus (cli/checks/fixtures). */
function recordedData(file: string) {
  return success(queryData).parse(
    JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')),
  ).data;
}
const recorded = (file: string): Sample[] => samplesOf(recordedData(file));
const count = 'flask_http_request_duration_seconds_count';
// `workshop traffic errors` against Prometheus 2.42, before the webapp knew /nonexistent: that
// path was first scraped at its final count of 15, so rate() cannot see it (80.2 %, not 92.5 %).
const errorsRunWindow = () => visibleSeries(recordedData('recorded-count-window.json'));

const ledger = (over: Partial<Ledger> = {}): Ledger => ({
  version: 2,
  webapp: { startTimeSeconds: 1796197491 },
  mode: 'quick',
  seed: 1,
  timeScale: 0.1,
  baseUrl: 'http://127.0.0.1:3001',
  startedAt: '2026-11-25T03:52:49.209Z',
  endedAt: '2026-11-25T03:52:51.400Z',
  interrupted: false,
  requests: [
    { method: 'GET', path: '/', status: 200, count: 12 },
    { method: 'GET', path: '/error', status: 500, count: 3 },
    { method: 'GET', path: '/error', status: 200, count: 7 },
  ],
  delaysSent: [0.64, 1.2],
  ...over,
});

const obs = (samples: Sample[], over: Partial<Observation> = {}): Observation => ({
  samples,
  time: 0,
  warnings: [],
  infos: [],
  related: {},
  visible: {},
  traffic: undefined,
  ...over,
});
const s = (labels: Record<string, string>, value: number): Sample => ({ labels, value });
const facts = (over: Partial<TrafficFacts> = {}): TrafficFacts => ({
  none: undefined,
  inWindow: [ledger()],
  counts: undefined,
  ...over,
});
const exercise1 = () => {
  const e = exerciseById('exercise-1');
  if (e?.runner !== 'promql') throw new Error('exercise-1 is a PromQL exercise');
  return e.definition;
};
const check = (id: string) => exercise1().checks.find((c) => c.id === id) as PromqlCheck;
const outcome = (a: Assertion, o: Observation) => evaluateAssertion(a, o).outcome;

describe('assertions on recorded results', () => {
  const cases: [string, Assertion, Sample[], 'pass' | 'fail' | 'unchecked'][] = [
    [
      'labels present',
      { kind: 'labels', required: ['method', 'path', 'status'], only: false },
      recorded('query-count.json'),
      'pass',
    ],
    [
      'labels: only status',
      { kind: 'labels', required: ['status'], only: true },
      recorded('query-errors-by-status.json'),
      'pass',
    ],
    [
      'labels: extra label caught',
      { kind: 'labels', required: ['path'], only: true },
      recorded('query-rate.json'),
      'fail',
    ],
    [
      'status codes 4xx/5xx',
      { kind: 'labelValues', label: 'status', pattern: '[45]\\d\\d', meaning: 'errors' },
      recorded('query-errors-by-status.json'),
      'pass',
    ],
    [
      'status 200 caught',
      { kind: 'labelValues', label: 'status', pattern: '[45]\\d\\d', meaning: 'errors' },
      recorded('query-count.json'),
      'fail',
    ],
    [
      'latency within 0–10 s',
      { kind: 'range', min: 0, max: 10, meaning: '0–10 s' },
      recorded('query-p95-by-path.json'),
      'pass',
    ],
    [
      'percent within 0–100',
      { kind: 'range', min: 0, max: 100, meaning: '%' },
      recorded('query-error-percent.json'),
      'pass',
    ],
    [
      'range with nothing to compare',
      { kind: 'range', min: 0, max: 100, meaning: '%' },
      recorded('query-empty.json'),
      'unchecked',
    ],
    [
      'maxSeries 1 on a scalar-like vector',
      { kind: 'maxSeries', max: 1 },
      recorded('query-error-percent.json'),
      'pass',
    ],
    ['maxSeries 1 on many series', { kind: 'maxSeries', max: 1 }, recorded('query-rate.json'), 'fail'],
    ['nonEmpty on empty', { kind: 'nonEmpty' }, recorded('query-empty.json'), 'fail'],
  ];
  it.each(cases)('%s', (_name, assertion, samples, expected) => {
    expect(outcome(assertion, obs(samples))).toBe(expected);
  });
});

describe('what Prometheus can see: raw samples of the rate window', () => {
  it('reads each series increase from its raw samples, counter resets included', () => {
    const byKey = Object.fromEntries(
      errorsRunWindow().map((v) => [`${v.labels.path} ${v.labels.status}`, v]),
    );
    expect(byKey['/error 404']).toMatchObject({ increase: 12, samples: 3 });
    // Born inside the window at its final count: no increase is visible.
    expect(byKey['/nonexistent 404']).toMatchObject({ increase: 0, samples: 2 });
    const reset = visibleSeries({
      resultType: 'matrix',
      result: [
        {
          metric: {},
          values: [
            [1, '5'],
            [2, '9'],
            [3, '2'],
            [4, '4'],
          ],
        },
      ],
    });
    expect(reset[0]?.increase).toBe(4 + 2 + 2);
  });

  it('visibleShare agrees with the error percentage that rate() gives, not the ledger, when a path was born mid-window', () => {
    const a: Assertion = {
      kind: 'visibleShare',
      counter: count,
      statuses: '[45]\\d\\d',
      scale: 100,
      tolerance: 5,
    };
    const visible = { [count]: errorsRunWindow() };
    expect(outcome(a, obs(recorded('recorded-error-percent.json'), { visible }))).toBe('pass');
    // 92.5 % is what the ledger sent; Prometheus could not see the 15 × /nonexistent.
    expect(evaluateAssertion(a, obs([s({}, 92.5)], { visible }))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('the share Prometheus'),
    });
    expect(outcome(a, obs([s({}, 80.2)], { visible: { [count]: [] } }))).toBe('unchecked');
  });

  it('positiveWhereCounted: every path with counted requests has a positive rate, and one must', () => {
    const a: Assertion = { kind: 'positiveWhereCounted', by: 'path', counter: count };
    const visible = { [count]: errorsRunWindow() };
    expect(outcome(a, obs(recorded('recorded-rate-by-path.json'), { visible }))).toBe('pass');
    const zeroed = recorded('recorded-rate-by-path.json').map((x) =>
      x.labels.path === '/error' ? s(x.labels, 0) : x,
    );
    expect(evaluateAssertion(a, obs(zeroed, { visible }))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('/error'),
    });
    // No traffic at all: all-zero rates fail (they used to pass without a ledger).
    const idle = { [count]: errorsRunWindow().map((v) => ({ ...v, increase: 0 })) };
    expect(
      outcome(
        a,
        obs(
          zeroed.map((x) => s(x.labels, 0)),
          { visible: idle },
        ),
      ),
    ).toBe('fail');
  });
});

describe('conditionMatches: an alert condition graded against its unfiltered side', () => {
  const inner = `sum(rate(${count}{status=~"5.."}[5m])) / sum(rate(${count}[5m]))`;
  const a: Assertion = { kind: 'conditionMatches', inner, op: '>', threshold: 0.05 };
  const share = recorded('recorded-5xx-share.json'); // 0.1146: the condition holds

  it('passes the series that is there exactly when the condition holds, with the inner value', () => {
    expect(outcome(a, obs(share, { related: { [inner]: share } }))).toBe('pass');
    const quiet = [s({}, 0.01)];
    expect(outcome(a, obs([], { related: { [inner]: quiet } }))).toBe('pass');
  });

  it('fails an empty result while the condition holds, and a series while it does not', () => {
    expect(evaluateAssertion(a, obs([], { related: { [inner]: share } }))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('condition holds'),
    });
    expect(outcome(a, obs([s({}, 0.01)], { related: { [inner]: [s({}, 0.01)] } }))).toBe('fail');
    expect(outcome(a, obs([s({}, 0.5)], { related: { [inner]: share } }))).toBe('fail');
  });

  it('is unchecked, not passed, when the inner side has no data (a Prometheus that never saw the webapp)', () => {
    expect(outcome(a, obs([], { related: { [inner]: [] } }))).toBe('unchecked');
    expect(outcome(a, obs([], { related: { [inner]: [s({}, Number.NaN)] } }))).toBe('unchecked');
  });
});

describe('assertions against the traffic ledger', () => {
  it('ledgerCounts: an equal increase over the ledger span passes, a lost request fails with the difference', () => {
    const before = [s({ method: 'GET', path: '/', status: '200' }, 5)];
    const after = [
      s({ method: 'GET', path: '/', status: '200' }, 17),
      s({ method: 'GET', path: '/error', status: '500' }, 3),
      s({ method: 'GET', path: '/error', status: '200' }, 7),
    ];
    const counted = (a: Sample[]) => facts({ counts: { group: [ledger()], before, after: a } });
    expect(outcome({ kind: 'ledgerCounts' }, obs(after, { traffic: counted(after) }))).toBe('pass');
    const lost = after.map((x) => (x.labels.status === '500' ? s(x.labels, 2) : x));
    expect(evaluateAssertion({ kind: 'ledgerCounts' }, obs(lost, { traffic: counted(lost) }))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('GET /error 500: sent 3, Prometheus counted 2'),
    });
  });

  it('ledgerCounts: two back-to-back runs are counted together (12 + 30 on /, not "sent 30, counted 42")', () => {
    const second = ledger({ mode: 'demo', requests: [{ method: 'GET', path: '/', status: 200, count: 30 }] });
    const after = [
      s({ method: 'GET', path: '/', status: '200' }, 42),
      s({ method: 'GET', path: '/error', status: '500' }, 3),
      s({ method: 'GET', path: '/error', status: '200' }, 7),
    ];
    const counted = (group: Ledger[]) => facts({ counts: { group, before: [], after } });
    expect(outcome({ kind: 'ledgerCounts' }, obs(after, { traffic: counted([ledger(), second]) }))).toBe(
      'pass',
    );
    expect(
      evaluateAssertion({ kind: 'ledgerCounts' }, obs(after, { traffic: counted([second]) })),
    ).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('GET / 200: sent 30, Prometheus counted 42'),
    });
  });

  it('is unchecked, never passed, without a ledger of the running webapp', () => {
    for (const kind of ['ledgerCounts', 'coversLedgerPaths'] as const) {
      const a = (kind === 'ledgerCounts' ? { kind } : { kind, label: 'path' }) as Assertion;
      expect(outcome(a, obs(recorded('query-count.json')))).toBe('unchecked');
      const stale = facts({
        none: 'no traffic run is recorded for the webapp process that runs now',
        inWindow: [],
      });
      expect(evaluateAssertion(a, obs(recorded('query-count.json'), { traffic: stale }))).toMatchObject({
        outcome: 'unchecked',
        message: expect.stringContaining('webapp process that runs now'),
        todo: expect.stringContaining('workshop traffic'),
      });
    }
  });

  it('says once why a check with several ledger assertions (A/3) is unchecked', () => {
    const ex = exerciseById('exercise-1');
    const a3 = (ex?.runner === 'promql' ? ex.definition.checks : []).find(
      (c) => c.id === 'exercise-1/A/3',
    ) as PromqlCheck;
    const stale = facts({ none: 'no traffic run is recorded', inWindow: [] });
    const verdict = evaluate(a3, obs(recorded('query-count.json'), { traffic: stale }));
    expect(verdict).toMatchObject({
      outcome: 'unchecked',
      message: 'no traffic run is recorded, so there is nothing to compare with',
    });
  });

  it('coversLedgerPaths names the paths the traffic hit but the result lacks', () => {
    expect(
      evaluateAssertion(
        { kind: 'coversLedgerPaths', label: 'path' },
        obs([s({ path: '/' }, 0.2)], { traffic: facts() }),
      ),
    ).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('/error'),
    });
  });

  it('visibleShare: requests of the statuses that the ledger sent in the window must all be counted', () => {
    const a: Assertion = {
      kind: 'visibleShare',
      counter: count,
      statuses: '5\\d\\d',
      scale: 1,
      tolerance: 0.05,
    };
    const windowStart = Date.parse('2026-11-25T03:52:40Z');
    const v = (status: string, increase: number) => ({
      labels: { path: '/error', status },
      increase,
      samples: 3,
      firstMs: windowStart,
    });
    const visible = { [count]: [v('500', 2), v('200', 20)] };
    // 2 of 22 is 0.09, as the value says, but the ledger sent 3 × 500.
    expect(evaluateAssertion(a, obs([s({}, 2 / 22)], { visible, traffic: facts() }))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('sent 3 × /error 500'),
    });
    expect(
      outcome(
        a,
        obs([s({}, 3 / 23)], { visible: { [count]: [v('500', 3), v('200', 20)] }, traffic: facts() }),
      ),
    ).toBe('pass');
  });

  it('delayFloor: /delay p95 at least the bucket floor of the smallest delay sent', () => {
    expect(bucketFloor(0.64)).toBe(0.5);
    const a: Assertion = { kind: 'delayFloor', label: 'path', value: '/delay' };
    expect(outcome(a, obs([s({ path: '/delay' }, 0.7)], { traffic: facts() }))).toBe('pass');
    expect(outcome(a, obs([s({ path: '/delay' }, 0.3)], { traffic: facts() }))).toBe('fail');
  });
});

describe('evaluate (a whole check)', () => {
  it('passes exercise-1/C/4 on the recorded errors-by-status result', () => {
    expect(evaluate(check('exercise-1/C/4'), obs(recorded('query-errors-by-status.json')))).toMatchObject({
      outcome: 'pass',
    });
  });

  it('fails exercise-1/B/4 when p95 is above p99 for a path', () => {
    const c = check('exercise-1/B/4');
    const p99 = c.assertions.find((a) => a.kind === 'compare' && a.op === '<=');
    const p50 = c.assertions.find((a) => a.kind === 'compare' && a.op === '>=');
    if (p99?.kind !== 'compare' || p50?.kind !== 'compare') throw new Error('fixture');
    const related = { [p99.query]: [s({ path: '/' }, 0.05)], [p50.query]: [s({ path: '/' }, 0.01)] };
    expect(evaluate(c, obs([s({ path: '/' }, 0.09)], { related, traffic: facts() }))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('should be <= the 99th percentile'),
    });
  });

  it('is unchecked when the only thing left to compare has no data, failed when anything is wrong', () => {
    const c = check('exercise-1/A/3');
    expect(evaluate(c, obs(recorded('query-count.json')))).toMatchObject({ outcome: 'unchecked' });
    expect(evaluate(c, obs([s({ method: 'GET' }, 1)]))).toMatchObject({ outcome: 'fail' });
  });

  it("surfaces Prometheus's warnings in the message", () => {
    const v = evaluate(
      check('exercise-1/A/5'),
      obs([s({}, 1.5)], { infos: ['PromQL info: metric might not be a counter'] }),
    );
    expect(v).toMatchObject({
      outcome: 'pass',
      note: expect.stringContaining('Prometheus says: PromQL info'),
    });
  });
});
