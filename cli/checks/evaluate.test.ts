import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exercise1 } from '../../exercises/exercise-1/exercise.js';
import { queryData, success } from '../prometheus/schemas.js';
import type { Ledger } from '../traffic/ledger.js';
import { bucketFloor, evaluateAssertion } from './assertions.js';
import { type Observation, type Sample, samplesOf } from './observation.js';
import { evaluate } from './run-checks.js';
import { type Assertion, promqlCheckSchema } from './schema.js';

/** Samples from a response recorded from the real Prometheus. */
function recorded(file: string): Sample[] {
  const body = success(queryData).parse(
    JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')),
  );
  return samplesOf(body.data);
}

const ledger = (over: Partial<Ledger> = {}): Ledger => ({
  version: 1,
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
  traffic: undefined,
  ...over,
});
const s = (labels: Record<string, string>, value: number): Sample => ({ labels, value });
const check = (id: string) => promqlCheckSchema.parse(exercise1.checks.find((c) => c.id === id));

describe('assertions on recorded results', () => {
  const cases: [string, Assertion, Sample[], boolean][] = [
    [
      'labels present',
      { kind: 'labels', required: ['method', 'path', 'status'], only: false },
      recorded('query-count.json'),
      true,
    ],
    [
      'labels: only status',
      { kind: 'labels', required: ['status'], only: true },
      recorded('query-errors-by-status.json'),
      true,
    ],
    [
      'labels: extra label caught',
      { kind: 'labels', required: ['path'], only: true },
      recorded('query-rate.json'),
      false,
    ],
    [
      'status codes 4xx/5xx',
      { kind: 'labelValues', label: 'status', pattern: '[45]\\d\\d', meaning: 'errors' },
      recorded('query-errors-by-status.json'),
      true,
    ],
    [
      'status 200 caught',
      { kind: 'labelValues', label: 'status', pattern: '[45]\\d\\d', meaning: 'errors' },
      recorded('query-count.json'),
      false,
    ],
    [
      'latency within 0–10 s',
      { kind: 'range', min: 0, max: 10, meaning: '0–10 s' },
      recorded('query-p95-by-path.json'),
      true,
    ],
    [
      'percent within 0–100',
      { kind: 'range', min: 0, max: 100, meaning: '%' },
      recorded('query-error-percent.json'),
      true,
    ],
    [
      'maxSeries 1 on a scalar-like vector',
      { kind: 'maxSeries', max: 1 },
      recorded('query-error-percent.json'),
      true,
    ],
    ['maxSeries 1 on many series', { kind: 'maxSeries', max: 1 }, recorded('query-rate.json'), false],
    ['nonEmpty on empty', { kind: 'nonEmpty' }, recorded('query-empty.json'), false],
  ];
  it.each(cases)('%s', (_name, assertion, samples, ok) => {
    expect(evaluateAssertion(assertion, obs(samples)).ok).toBe(ok);
  });
});

describe('assertions against the traffic ledger', () => {
  const traffic = (l: Ledger, before: Sample[], after: Sample[]) => ({
    inWindow: [l],
    windowCovered: true,
    before,
    after,
  });

  it('ledgerCounts: equal increase passes, a lost request fails with the difference', () => {
    const before = [s({ method: 'GET', path: '/', status: '200' }, 5)];
    const after = [
      s({ method: 'GET', path: '/', status: '200' }, 17),
      s({ method: 'GET', path: '/error', status: '500' }, 3),
      s({ method: 'GET', path: '/error', status: '200' }, 7),
    ];
    expect(
      evaluateAssertion({ kind: 'ledgerCounts' }, obs(after, { traffic: traffic(ledger(), before, after) }))
        .ok,
    ).toBe(true);
    const lost = after.map((x) => (x.labels.status === '500' ? s(x.labels, 2) : x));
    const v = evaluateAssertion(
      { kind: 'ledgerCounts' },
      obs(lost, { traffic: traffic(ledger(), before, lost) }),
    );
    expect(v).toMatchObject({
      ok: false,
      message: expect.stringContaining('GET /error 500: sent 3, Prometheus counted 2'),
    });
  });

  it('ledgerPercent: agrees within tolerance', () => {
    // 3 errors of 22 requests = 13.6 %.
    const a: Assertion = { kind: 'ledgerPercent', statuses: '[45]\\d\\d', tolerance: 5 };
    const t = traffic(ledger(), [], []);
    expect(evaluateAssertion(a, obs([s({}, 14)], { traffic: t })).ok).toBe(true);
    expect(evaluateAssertion(a, obs([s({}, 30)], { traffic: t }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('13.64%'),
    });
  });

  it('coversLedgerPaths and positive-by-path name the paths the traffic hit but the result lacks', () => {
    const t = traffic(ledger(), [], []);
    const onlyRoot = [s({ path: '/' }, 0.2)];
    expect(
      evaluateAssertion({ kind: 'coversLedgerPaths', label: 'path' }, obs(onlyRoot, { traffic: t })),
    ).toMatchObject({ ok: false, message: expect.stringContaining('/error') });
    expect(
      evaluateAssertion(
        { kind: 'positive', by: 'path' },
        obs([...onlyRoot, s({ path: '/error' }, 0)], { traffic: t }),
      ),
    ).toMatchObject({ ok: false, notYet: true });
  });

  it('delayFloor: /delay p95 at least the bucket floor of the smallest delay sent', () => {
    expect(bucketFloor(0.64)).toBe(0.5);
    const a: Assertion = { kind: 'delayFloor', label: 'path', value: '/delay' };
    const t = traffic(ledger(), [], []);
    expect(evaluateAssertion(a, obs([s({ path: '/delay' }, 0.7)], { traffic: t })).ok).toBe(true);
    expect(evaluateAssertion(a, obs([s({ path: '/delay' }, 0.3)], { traffic: t })).ok).toBe(false);
  });
});

describe('evaluate (a whole check)', () => {
  it('passes exercise-1/C/4 on the recorded errors-by-status result', () => {
    expect(evaluate(check('exercise-1/C/4'), obs(recorded('query-errors-by-status.json')))).toMatchObject({
      ok: true,
    });
  });

  it('fails exercise-1/B/4 when p95 is above p99 for a path', () => {
    const c = check('exercise-1/B/4');
    const p99 = c.assertions.find((a) => a.kind === 'compare' && a.op === '<=');
    const p50 = c.assertions.find((a) => a.kind === 'compare' && a.op === '>=');
    if (p99?.kind !== 'compare' || p50?.kind !== 'compare') throw new Error('fixture');
    const related = { [p99.query]: [s({ path: '/' }, 0.05)], [p50.query]: [s({ path: '/' }, 0.01)] };
    const v = evaluate(c, obs([s({ path: '/' }, 0.09)], { related }));
    expect(v).toMatchObject({
      ok: false,
      message: expect.stringContaining('should be <= the 99th percentile'),
    });
  });

  it("surfaces Prometheus's warnings in the message", () => {
    const v = evaluate(
      check('exercise-1/A/5'),
      obs([s({}, 1.5)], { infos: ['PromQL info: metric might not be a counter'] }),
    );
    expect(v).toMatchObject({ ok: true, note: expect.stringContaining('Prometheus says: PromQL info') });
  });
});
