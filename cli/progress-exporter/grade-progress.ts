import { exerciseById } from '../../exercises/registry.js';
import type { LearnerGrader } from '../learner/learner-grader.js';
import { advanceTries, readGrafanaTries, withTries, writeGrafanaTries } from './grafana-tries.js';
import { type ExerciseProgress, progressOf } from './view.js';

/**
 * One exercise's progress, for the exporter: the learner's work graded, with each check's
 * first pass and tries (Exercise 1: from the query log; Exercise 2: what the exporter saw
 * change in Grafana, kept in the state dir).
 */
export async function gradeProgress(
  grader: LearnerGrader,
  id: string,
  stateDir: string,
  nowMs: number,
): Promise<ExerciseProgress> {
  const result = await grader.grade(id);
  if (!result) throw new Error(`no exercise ${id}`);
  // Exercise 1: a passed check's own query time is its first pass (the grading keeps it in the state dir).
  if (exerciseById(id)?.runner === 'promql')
    return progressOf(
      result,
      Object.fromEntries(
        result.checks.flatMap((c) =>
          c.status === 'pass' && c.work?.ranAt ? [[c.id, { atMs: Date.parse(c.work.ranAt) }]] : [],
        ),
      ),
    );
  const before = await readGrafanaTries(stateDir);
  const tries = advanceTries(before, result, nowMs);
  if (JSON.stringify(tries) !== JSON.stringify(before)) await writeGrafanaTries(stateDir, tries);
  const firstPasses = Object.fromEntries(
    Object.entries(tries).flatMap(([check, t]) =>
      t.firstPassAtMs !== undefined ? [[check, { atMs: t.firstPassAtMs }]] : [],
    ),
  );
  return progressOf(withTries(result, tries), firstPasses);
}
