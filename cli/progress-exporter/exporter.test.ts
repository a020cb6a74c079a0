import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExporterDeps, progressExporter } from './exporter.js';
import type { ExerciseProgress } from './view.js';

const progress: ExerciseProgress = {
  exercise: 'exercise-1',
  checks: [
    {
      id: 'exercise-1/A/3',
      state: 'pass',
      points: 1,
      tries: 2,
      firstTryAtMs: 1_000_000,
      firstPassAtMs: 1_500_000,
    },
    { id: 'exercise-1/A/4', state: 'not_attempted', points: 1, tries: 0 },
  ],
  score: 1,
  maxScore: 2,
};

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(overrides: Partial<ExporterDeps> = {}) {
  let clock = 0;
  const grades: string[] = [];
  let release: () => void = () => {};
  let gate: Promise<void> | undefined;
  const deps: ExporterDeps = {
    learner: async () => 'Ada',
    version: '0.1.0',
    modules: ['exercise-1', 'exercise-2'],
    grade: async (m) => {
      grades.push(m);
      await gate;
      return { ...progress, exercise: m };
    },
    ttlMs: 1000,
    now: () => clock,
    log: () => {},
    ...overrides,
  };
  const handler = progressExporter(deps);
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    grades,
    get: async (p: string) => {
      const r = await fetch(`${base}${p}`);
      return { status: r.status, text: await r.text() };
    },
    tick: (ms: number) => {
      clock += ms;
    },
    hold: () => {
      gate = new Promise((r) => {
        release = r;
      });
    },
    release: () => release(),
  };
}

describe('the progress exporter', () => {
  it('answers a probe with the verdicts as metrics, never the query text', async () => {
    const ex = await serve();
    const r = await ex.get('/probe?module=exercise-1');
    expect(r.status).toBe(200);
    expect(r.text).toContain('workshop_check_passed{exercise="exercise-1",check="exercise-1/A/3"} 1');
    expect(r.text).toContain('workshop_check_passed{exercise="exercise-1",check="exercise-1/A/4"} 0');
    expect(r.text).toContain(
      'workshop_check_state{exercise="exercise-1",check="exercise-1/A/4",state="not_attempted"} 1',
    );
    expect(r.text).toContain(
      'workshop_check_first_pass_timestamp_seconds{exercise="exercise-1",check="exercise-1/A/3"} 1500',
    );
    expect(r.text).toContain('workshop_attempts_total{exercise="exercise-1",check="exercise-1/A/3"} 2');
    expect(r.text).toContain('workshop_score{exercise="exercise-1"} 1');
    expect(r.text).toContain('workshop_score_max{exercise="exercise-1"} 2');
    expect(r.text).toContain('workshop_probe_success{exercise="exercise-1"} 1');
    expect(r.text).not.toContain('flask_http');
  });

  it('grades at most once per cache time, and once for scrapes that arrive while it grades', async () => {
    const ex = await serve();
    ex.hold();
    const both = Promise.all([ex.get('/probe?module=exercise-1'), ex.get('/probe?module=exercise-1')]);
    await new Promise((r) => setTimeout(r, 50));
    ex.release();
    await both;
    expect(ex.grades).toEqual(['exercise-1']);
    ex.tick(999);
    await ex.get('/probe?module=exercise-1');
    expect(ex.grades).toEqual(['exercise-1']);
    ex.tick(1);
    await ex.get('/probe?module=exercise-1');
    await ex.get('/probe?module=exercise-2');
    expect(ex.grades).toEqual(['exercise-1', 'exercise-1', 'exercise-2']);
  });

  it('grades again within the cache time when what it grades has changed (a new query in the log)', async () => {
    let changed = false;
    const ex = await serve({ changed: async () => changed });
    await ex.get('/probe?module=exercise-1');
    await ex.get('/probe?module=exercise-1');
    expect(ex.grades).toEqual(['exercise-1']);
    changed = true;
    await ex.get('/probe?module=exercise-1');
    expect(ex.grades).toEqual(['exercise-1', 'exercise-1']);
  });

  it('says probe_success 0 when grading fails, and 400 for an unknown or missing module', async () => {
    const logged: string[] = [];
    const ex = await serve({
      grade: async () => {
        throw new Error('Prometheus did not answer');
      },
      log: (l) => logged.push(l),
    });
    const r = await ex.get('/probe?module=exercise-2');
    expect(r.status).toBe(200);
    expect(r.text).toContain('workshop_probe_success{exercise="exercise-2"} 0');
    expect(r.text).not.toContain('workshop_score');
    expect(logged).toEqual(['grading exercise-2 failed: Prometheus did not answer']);
    expect((await ex.get('/probe?module=exercise-3')).status).toBe(400);
    expect((await ex.get('/probe')).text).toContain('module must be one of exercise-1, exercise-2');
  });

  it("serves its own metrics with the learner's name, health, and 404 elsewhere", async () => {
    const ex = await serve();
    await ex.get('/probe?module=exercise-1');
    const own = await ex.get('/metrics');
    expect(own.text).toContain('workshop_info{learner="Ada",version="0.1.0"} 1');
    expect(own.text).toContain('workshop_exporter_gradings_total{exercise="exercise-1"} 1');
    expect((await ex.get('/-/healthy')).status).toBe(200);
    expect((await ex.get('/nope')).status).toBe(404);
  });
});
