import { describe, expect, it } from 'vitest';
import { boardTable } from './board-page.js';
import { fileSdTargets } from './class-config.js';
import { buildGrid, type Sample } from './grid.js';
import { renderClassStatus } from './status-render.js';

const checks = [
  { id: 'exercise-1/A/3', exercise: 'exercise-1', title: 'a' },
  { id: 'exercise-1/A/4', exercise: 'exercise-1', title: 'b' },
  { id: 'exercise-1/A/5', exercise: 'exercise-1', title: 'c' },
];
const nowMs = Date.parse('2026-12-02T10:30:00Z');
const s = (metric: Record<string, string>, value: number): Sample => ({ metric, value });
const at = (iso: string) => Date.parse(iso) / 1000;

describe('buildGrid', () => {
  it('states, scores, last seen; stuck is the latest check tried over 10 minutes ago and not passed', () => {
    const grid = buildGrid({
      checks,
      nowMs,
      roster: { learners: [{ name: 'Ada', prometheus: 'http://a:9090' }, { name: 'Bob' }, { name: 'Cy' }] },
      targets: [
        { learner: 'Ada', health: 'up', lastError: '', lastScrapeDurationSeconds: 0.01 },
        { learner: 'Cy', health: 'down', lastError: 'connection refused', lastScrapeDurationSeconds: 0 },
      ],
      samples: [
        s({ __name__: 'workshop_check_state', learner: 'Ada', check: 'exercise-1/A/3', state: 'pass' }, 1),
        s({ __name__: 'workshop_check_state', learner: 'Ada', check: 'exercise-1/A/4', state: 'fail' }, 1),
        s({ __name__: 'workshop_check_state', learner: 'Ada', check: 'exercise-1/A/4', state: 'pass' }, 0),
        s({ __name__: 'workshop_check_state', learner: 'Ada', check: 'exercise-1/A/5', state: 'fail' }, 1),
        s(
          {
            __name__: 'workshop_check_first_attempt_timestamp_seconds',
            learner: 'Ada',
            check: 'exercise-1/A/3',
          },
          at('2026-12-02T10:00:00Z'),
        ),
        s(
          {
            __name__: 'workshop_check_first_attempt_timestamp_seconds',
            learner: 'Ada',
            check: 'exercise-1/A/4',
          },
          at('2026-12-02T10:05:00Z'),
        ),
        s(
          {
            __name__: 'workshop_check_first_attempt_timestamp_seconds',
            learner: 'Ada',
            check: 'exercise-1/A/5',
          },
          at('2026-12-02T10:25:00Z'),
        ),
        s({ __name__: 'workshop_attempts_total', learner: 'Ada', check: 'exercise-1/A/4' }, 7),
        s({ __name__: 'workshop_score', learner: 'Ada', exercise: 'exercise-1' }, 2),
        s({ __name__: 'workshop_score_max', learner: 'Ada', exercise: 'exercise-1' }, 5),
        s({ learner: 'Ada', seen: '1' }, at('2026-12-02T10:29:58Z')),
        s({ learner: 'Bob', seen: '1' }, at('2026-12-02T10:29:00Z')),
        s({ learner: 'Zed', seen: '1' }, at('2026-12-02T10:29:00Z')),
      ],
    });
    const [ada, bob, cy, zed] = grid.learners;
    expect(ada).toMatchObject({
      reach: 'up',
      score: 2,
      maxScore: 5,
      lastSeen: '2026-12-02T10:29:58.000Z',
      states: { 'exercise-1/A/3': 'pass', 'exercise-1/A/4': 'fail', 'exercise-1/A/5': 'fail' },
      // A/5 was first tried 5 minutes ago: not stuck yet; A/3 passed.
      stuck: { check: 'exercise-1/A/4', since: '2026-12-02T10:05:00.000Z', tries: 7 },
    });
    expect(bob).toMatchObject({ reach: 'pushing', inRoster: true });
    expect(bob?.stuck).toBeUndefined();
    expect(cy).toMatchObject({ reach: 'down', problem: 'connection refused' });
    expect(zed).toMatchObject({ name: 'Zed', inRoster: false, reach: 'pushing' });
  });

  it('marks a learner whose Prometheus answers slowly', () => {
    const grid = buildGrid({
      checks,
      nowMs,
      roster: { learners: [{ name: 'Ada', prometheus: 'http://a:9090' }] },
      targets: [{ learner: 'Ada', health: 'up', lastError: '', lastScrapeDurationSeconds: 1.8 }],
      samples: [],
    });
    expect(grid.learners[0]).toMatchObject({
      reach: 'up',
      problem: 'slow: its Prometheus took 1.8 s to answer',
    });
  });
});

describe('buildGrid: a federated learner whose --learner has a typo', () => {
  it('puts the series on the roster entry they were federated from, and says which name they report', () => {
    const grid = buildGrid({
      checks,
      nowMs,
      roster: { learners: [{ name: 'Ada Lovelace', prometheus: 'http://a:9090' }] },
      targets: [{ learner: 'Ada Lovelace', health: 'up', lastError: '', lastScrapeDurationSeconds: 0.01 }],
      samples: [
        s(
          {
            __name__: 'workshop_check_state',
            learner: 'Ada Lovelance',
            roster_learner: 'Ada Lovelace',
            check: 'exercise-1/A/3',
            state: 'pass',
          },
          1,
        ),
        s(
          {
            __name__: 'workshop_score',
            learner: 'Ada Lovelance',
            roster_learner: 'Ada Lovelace',
            exercise: 'exercise-1',
          },
          2,
        ),
        s(
          { learner: 'Ada Lovelance', roster_learner: 'Ada Lovelace', seen: '1' },
          at('2026-12-02T10:29:58Z'),
        ),
      ],
    });
    expect(grid.learners).toHaveLength(1);
    expect(grid.learners[0]).toMatchObject({
      name: 'Ada Lovelace',
      inRoster: true,
      reach: 'up',
      reportsAs: 'Ada Lovelance',
      score: 2,
      states: { 'exercise-1/A/3': 'pass' },
      lastSeen: '2026-12-02T10:29:58.000Z',
    });
    const status = renderClassStatus(grid, false);
    expect(status).toContain("Ada Lovelance reports from Ada Lovelace's Prometheus");
    expect(status).not.toContain('not in the roster');
    expect(boardTable(grid)).toContain('Ada Lovelance reports from Ada Lovelace&#39;s Prometheus');
  });

  it('the federation job labels each target with its roster entry, beside learner', () => {
    const [target] = fileSdTargets({
      learners: [{ name: 'Ada Lovelace', prometheus: 'http://10.0.0.11:9090' }],
    });
    expect(target?.labels).toMatchObject({ learner: 'Ada Lovelace', roster_learner: 'Ada Lovelace' });
  });
});
