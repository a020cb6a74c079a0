import { describe, expect, it } from 'vitest';
import type { CheckResult, ExerciseResult } from '../checks/results.js';
import { advanceTries, withTries } from './grafana-tries.js';
import { progressOf } from './view.js';

const check = (id: string, over: Partial<CheckResult>): CheckResult => ({
  id,
  title: id,
  status: 'fail',
  message: '',
  points: 1,
  attempts: 1,
  durationMs: 0,
  ...over,
});

describe('progressOf', () => {
  it('tells pass, fail, not attempted, unchecked and error apart, and counts only passes', () => {
    const result: ExerciseResult = {
      id: 'exercise-1',
      title: 'x',
      checks: [
        check('a', { status: 'pass', tries: { count: 3, firstAtMs: 10 } }),
        check('b', { status: 'fail', tries: { count: 1, firstAtMs: 20 } }),
        check('c', { status: 'unchecked', attempted: false }),
        check('d', { status: 'unchecked' }),
        check('e', { status: 'error', points: 2 }),
      ],
    };
    const p = progressOf(result, { a: { atMs: 15 }, b: { atMs: 5 } });
    expect(p.checks.map((c) => c.state)).toEqual(['pass', 'fail', 'not_attempted', 'unchecked', 'error']);
    expect(p.checks[0]).toMatchObject({ tries: 3, firstTryAtMs: 10, firstPassAtMs: 15 });
    // A first pass on record does not make a failing check passed.
    expect(p.checks[1]?.firstPassAtMs).toBeUndefined();
    expect([p.score, p.maxScore]).toEqual([1, 6]);
  });
});

describe("Exercise 2's tries", () => {
  const ex2 = (checks: CheckResult[]): ExerciseResult => ({ id: 'exercise-2', title: 'x', checks });
  it('counts each change seen in a verdict as a try, nothing while it is absent, and keeps the first pass', () => {
    let t = advanceTries({}, ex2([check('B/1', { attempted: false, message: 'no dashboard' })]), 1);
    expect(t).toEqual({});
    t = advanceTries(t, ex2([check('B/1', { message: 'the title differs', actual: 'golden' })]), 2);
    t = advanceTries(t, ex2([check('B/1', { message: 'the title differs', actual: 'golden' })]), 3);
    expect(t['B/1']).toMatchObject({ count: 1, firstAtMs: 2 });
    t = advanceTries(t, ex2([check('B/1', { status: 'pass', message: 'as expected' })]), 4);
    t = advanceTries(t, ex2([check('B/1', { message: 'the title differs', actual: 'oops' })]), 5);
    expect(t['B/1']).toMatchObject({ count: 3, firstAtMs: 2, firstPassAtMs: 4 });
    expect(withTries(ex2([check('B/1', {})]), t).checks[0]?.tries).toEqual({ count: 3, firstAtMs: 2 });
  });
});
