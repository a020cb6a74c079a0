import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPromqlExercise } from '../cli/checks/run-checks.js';
import { PrometheusClient } from '../cli/prometheus/client.js';
import type { Ledger } from '../cli/traffic/ledger.js';
import { exerciseById } from '../exercises/registry.js';
import type { PromqlExercise } from '../exercises/schema.js';
import { wrongAnswers } from './fixtures/wrong-answers.js';
import { untilScraped } from './helpers/native-stack.js';
import { type RunningPrometheus, startPrometheus } from './helpers/prometheus-process.js';
import { type Exchange, replayHttp, substituted } from './helpers/recorded-http.js';

// Every Exercise 1 check must be able to fail: on a Prometheus that never saw the webapp, and
// on a recorded wrong-but-plausible result.
const exercise1 = (): PromqlExercise => {
  const e = exerciseById('exercise-1');
  if (e?.runner !== 'promql') throw new Error('exercise-1 is a PromQL exercise');
  return e.definition;
};

describe('on a real Prometheus that has never scraped the webapp', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    const started = Date.now();
    prometheus = await startPrometheus({ scrapeSelf: true });
    await untilScraped(prometheus.url, started, { job: 'prometheus' }); // data, but no webapp
  }, 40_000);
  afterAll(() => prometheus?.stop());

  // A ledger from another webapp process: it must not make anything pass.
  const stale: Ledger = JSON.parse(
    readFileSync(new URL('./fixtures/prometheus/wrong-results.json', import.meta.url), 'utf8'),
  ).ledgers[0];

  /**
   * What each check must say here, exactly: fail, where the missing webapp is the answer; unchecked
   * only where nothing can be checked (a service this Prometheus does not scrape, or no requests in
   * the window a rate needs). Their failing is shown on recorded data below (and Part D's, on real
   * cAdvisor, by the compose end-to-end test).
   */
  const expected = (check: PromqlExercise['checks'][number]) =>
    check.needs.length > 0
      ? { status: 'unchecked', unavailableService: check.needs[0]?.service }
      : check.id.startsWith('exercise-1/E/')
        ? { status: 'unchecked', message: expect.stringContaining('nothing to compare') }
        : { status: 'fail' };

  it.each(exercise1().checks.map((c) => [c.id, c] as const))(
    '%s comes out fail (or unchecked where nothing can tell), never pass',
    async (_id, check) => {
      const api = new PrometheusClient(prometheus.url, { timeoutMs: 5_000 });
      for (const ledgers of [[], [stale]]) {
        const r = await runPromqlExercise(
          { ...exercise1(), checks: [check] },
          { api, ledgers, now: () => Date.now(), sleep: async () => {} },
          { waitMs: 0, scrapeIntervalSeconds: 5 },
        );
        expect(r.checks[0]).toMatchObject(expected(check));
      }
    },
  );
});

describe('on recorded wrong-but-plausible results (real Prometheus answers, wrong-answers.ts)', () => {
  const recording = JSON.parse(
    readFileSync(new URL('./fixtures/prometheus/wrong-results.json', import.meta.url), 'utf8'),
  ) as {
    now: number;
    ledgers: Ledger[];
    checks: Record<string, { query: string; mistake: string; reference: Exchange[]; wrong: Exchange[] }>;
  };
  const grade = async (id: string, query: string, exchanges: Exchange[]) => {
    const check = exercise1().checks.find((c) => c.id === id);
    if (!check) throw new Error(`no check ${id}`);
    const api = substituted(
      new PrometheusClient('http://recorded', { http: replayHttp(exchanges) }),
      check.query,
      query,
    );
    const r = await runPromqlExercise(
      { ...exercise1(), checks: [check] },
      { api, ledgers: recording.ledgers, now: () => recording.now, sleep: async () => {} },
      { waitMs: 0, scrapeIntervalSeconds: 5 },
    );
    return r.checks[0];
  };

  it('covers every check that can run without Docker', () => {
    const graded = exercise1()
      .checks.filter((c) => c.needs.length === 0)
      .map((c) => c.id);
    expect(Object.keys(recording.checks).sort()).toEqual(graded.sort());
  });

  it.each(Object.entries(wrongAnswers))(
    '%s fails for %j, and passes its own reference on the same data',
    async (id, wrong) => {
      const rec = recording.checks[id];
      if (!rec) throw new Error(`${id} was not recorded: run test/fixtures/record-wrong-results.ts`);
      const check = exercise1().checks.find((c) => c.id === id);
      expect((await grade(id, check?.query ?? '', rec.reference))?.status).toBe('pass');
      const result = await grade(id, wrong.query, rec.wrong);
      expect(result?.status, `${wrong.mistake}: ${result?.message}`).toBe('fail');
    },
  );
});
