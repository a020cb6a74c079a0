import { describe, expect, it } from 'vitest';
import { score } from '../checks/results.js';
import { keptPassesOrErrors } from './kept-passes.js';

describe('keptPassesOrErrors: Prometheus does not answer', () => {
  it('keeps each kept pass a pass (marked kept, counted), and makes only the others errors', () => {
    const checks = [
      { id: 'exercise-1/A/3', title: 'Request count', points: 2 },
      { id: 'exercise-1/A/4', title: 'Request rate', points: 1 },
      { id: 'exercise-1/B/1', title: 'p95', points: 2 },
    ];
    const results = keptPassesOrErrors(
      checks,
      { 'exercise-1/A/3': { atMs: Date.parse('2026-12-05T10:00:00Z'), query: 'flask_http_request_total' } },
      { message: 'Prometheus did not answer at http://localhost:9090: connection refused', hint: 'start it' },
    );
    expect(results.map((r) => [r.id, r.status, r.kept ?? false])).toEqual([
      ['exercise-1/A/3', 'pass', true],
      ['exercise-1/A/4', 'error', false],
      ['exercise-1/B/1', 'error', false],
    ]);
    expect(results[0]?.work).toEqual({
      query: 'flask_http_request_total',
      ranAt: '2026-12-05T10:00:00.000Z',
    });
    expect(results[1]).toMatchObject({
      message: expect.stringContaining('connection refused'),
      todo: 'start it',
    });
    expect(score({ id: 'exercise-1', title: 't', checks: results })).toEqual({ score: 2, maxScore: 5 });
  });
});
