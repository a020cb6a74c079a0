import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../checks/results.js';
import { toleratedBy } from './tolerance.js';

const result = (over: Partial<CheckResult>): CheckResult => ({
  id: 'exercise-1/C/1',
  title: 'container CPU',
  status: 'unchecked',
  message: 'cAdvisor is not scraped',
  points: 1,
  attempts: 1,
  durationMs: 0,
  ...over,
});

describe('which unchecked results smoke does not count', () => {
  const tolerated = toleratedBy({ cadvisor: 'compose only' });

  it('an unchecked result of a service the backend does not run', () => {
    expect(tolerated(result({ unavailableService: 'cadvisor' }))).toBe(true);
  });

  it.each([
    ['a service the backend does run', result({ unavailableService: 'grafana' })],
    ['no service named (no ledger, nothing in the window)', result({})],
    ['a failure, even of that service', result({ status: 'fail', unavailableService: 'cadvisor' })],
    ['an error, even of that service', result({ status: 'error', unavailableService: 'cadvisor' })],
  ])('never %s', (_, check) => {
    expect(tolerated(check)).toBe(false);
  });

  it('nothing when the backend runs everything', () => {
    expect(toleratedBy({})(result({ unavailableService: 'cadvisor' }))).toBe(false);
  });
});
