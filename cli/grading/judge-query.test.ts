import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../errors.js';
import type { Points } from './compare.js';
import type { Evaluation } from './equivalence.js';
import { type DatasetAnswers, judgeQuery, readDatasetAnswers } from './judge-query.js';

const ref = 'sum(rate(x_total[5m]))';
const series = (...values: number[]): Evaluation => ({
  points: new Map(values.map((v, i) => [i * 60, new Map([['{}', v]])])) as Points,
});
const data = (entries: Record<string, Evaluation>): DatasetAnswers => ({
  answers: new Map(Object.entries(entries)),
});
const missing: DatasetAnswers = { missing: 'no grading Prometheus', todo: 'run workshop up' };

describe('judgeQuery: Prometheus decides, the trees first, never a pass where nothing can tell', () => {
  it('the exercise query written another way is the same tree, with or without data', () => {
    expect(judgeQuery([ref], 'sum( rate(x_total[300s]) )', missing)).toMatchObject({ outcome: 'pass' });
  });

  it('another query: unchecked without data, with the reason and what to do', () => {
    expect(judgeQuery([ref], 'sum without () (rate(x_total[5m]))', missing)).toEqual({
      outcome: 'unchecked',
      message: "can't tell yet: no grading Prometheus",
      todo: 'run workshop up',
    });
  });

  it('a fact the exercise fixes fails from the trees alone', () => {
    expect(judgeQuery([ref], 'sum(irate(x_total[5m]))', missing)).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('irate()'),
    });
  });

  it('passes on agreement where the data says something; fails on a difference; zeros tell nothing', () => {
    const q = 'sum(rate(x_total{job!=""}[5m]))';
    expect(judgeQuery([ref], q, data({ [ref]: series(1, 2), [q]: series(1, 2) }))).toMatchObject({
      outcome: 'pass',
    });
    expect(judgeQuery([ref], q, data({ [ref]: series(1, 2), [q]: series(1, 3) }))).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('minute'),
    });
    expect(judgeQuery([ref], q, data({ [ref]: series(0, 0), [q]: series(0, 0) }))).toMatchObject({
      outcome: 'unchecked',
      message: expect.stringContaining("can't tell yet"),
    });
  });

  it('a known mistake the data cannot tell from the reference leaves a right query unchecked', () => {
    const q = 'sum(rate(x_total{job!=""}[5m]))';
    const mistake = 'sum(rate(x_total{code="500"}[5m]))';
    const same = data({ [ref]: series(1, 2), [q]: series(1, 2), [mistake]: series(1, 2) });
    expect(judgeQuery([ref], q, same, [mistake])).toMatchObject({
      outcome: 'unchecked',
      message: expect.stringContaining('a known mistake'),
    });
    const told = data({ [ref]: series(1, 2), [q]: series(1, 2), [mistake]: series(0.5, 2) });
    expect(judgeQuery([ref], q, told, [mistake])).toMatchObject({ outcome: 'pass' });
  });

  it('a query Prometheus refuses fails with its message', () => {
    const q = 'sum(rate(x_total[5m])) by (';
    expect(
      judgeQuery([ref], q, data({ [ref]: series(1), [q]: { error: 'parse error: unexpected end' } })),
    ).toMatchObject({ outcome: 'fail', message: 'Prometheus cannot run it: parse error: unexpected end' });
  });
});

describe('readDatasetAnswers', () => {
  it('a grading Prometheus that does not answer leaves the queries unchecked, with what to do', async () => {
    const down = async (): Promise<Evaluation> => {
      throw new UpstreamError('Prometheus', 'http://127.0.0.1:1', 'connection refused at http://127.0.0.1:1');
    };
    const data = await readDatasetAnswers(down, [ref]);
    expect(data).toEqual({
      missing: 'the grading Prometheus did not answer (connection refused at http://127.0.0.1:1)',
      todo: expect.stringContaining('workshop up'),
    });
    expect(judgeQuery([ref], 'sum without () (rate(x_total[5m]))', data)).toMatchObject({
      outcome: 'unchecked',
    });
  });

  it('no grading Prometheus: its reason and what to do, as given', async () => {
    expect(await readDatasetAnswers(missing, [ref])).toBe(missing);
  });
});
