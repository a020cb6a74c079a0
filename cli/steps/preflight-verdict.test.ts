import { describe, expect, it } from 'vitest';
import { preflightVerdict } from './preflight-verdict.js';
import type { StepRecord } from './runner.js';

const host = [{ name: 'Prometheus', ok: true, detail: '2.42.0' }];
const ok = (name: string): StepRecord => ({ name, seconds: 1, outcome: 'ok', detail: 'fine' });

describe("preflight's verdict", () => {
  it('ready when every item and step is met', () => {
    expect(preflightVerdict(host, [ok('up'), ok('Grafana (exercise 2)')]).verdict).toBe('ready');
  });

  it('not ready when a host item is missing, and the steps are its items after the host ones', () => {
    const missing = [...host, { name: 'port 9090', ok: false, detail: 'taken', fix: 'free it' }];
    const r = preflightVerdict(missing, []);
    expect(r.verdict).toBe('not ready');
    expect(r.items).toEqual(missing);
  });

  it('not ready when a required step failed, with what to do', () => {
    const failed: StepRecord = {
      name: 'up',
      seconds: 1,
      outcome: 'failed',
      detail: 'exited',
      fix: 'see the error',
    };
    const r = preflightVerdict(host, [failed]);
    expect(r.verdict).toBe('not ready');
    expect(r.items.at(-1)).toEqual({ name: 'up', ok: false, detail: 'exited', fix: 'see the error' });
  });

  it('Exercise 1 only when just the optional Grafana step did not go well (failed or skipped)', () => {
    const skipped: StepRecord = {
      name: 'Grafana (exercise 2)',
      seconds: 0,
      outcome: 'skipped',
      detail: 'no Grafana in the native backend (not installed)',
      fix: 'use the compose backend',
      optional: true,
    };
    const r = preflightVerdict(host, [ok('up'), skipped]);
    expect(r.verdict).toBe('exercise-1 only');
    expect(r.items.at(-1)).toEqual({
      name: 'Grafana (exercise 2)',
      ok: false,
      detail: 'no Grafana in the native backend (not installed)',
      fix: 'use the compose backend',
      optional: true,
    });
  });

  it('an ok step keeps no fix, and an optional ok step says it is optional', () => {
    const r = preflightVerdict(host, [{ ...ok('self-test'), optional: true, fix: 'unused' }]);
    expect(r.items.at(-1)).toEqual({ name: 'self-test', ok: true, detail: 'fine', optional: true });
  });
});
