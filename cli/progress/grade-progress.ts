import { exerciseById } from '../../exercises/registry.js';
import type { LearnerGrader } from '../learner/learner-grader.js';
import { readFirstPasses } from '../learner/progress.js';
import { advanceTries, readGrafanaTries, withTries, writeGrafanaTries } from './grafana-tries.js';
import { type ExerciseProgress, progressOf } from './view.js';

/**
 * One exercise's progress, for the exporter: the learner's work graded, with each check's
 * first pass and tries from the state dir (Exercise 1: the query log; Exercise 2: what the
 * exporter saw change in Grafana).
 */
export async function gradeProgress(
  grader: LearnerGrader,
  id: string,
  stateDir: string,
  nowMs: number,
): Promise<ExerciseProgress> {
  const result = await grader.grade(id);
  if (!result) throw new Error(`no exercise ${id}`);
  if (exerciseById(id)?.runner === 'promql') return progressOf(result, await readFirstPasses(stateDir));
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
