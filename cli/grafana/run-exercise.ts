import type { GrafanaExercise } from '../../exercises/schema.js';
import { type ExerciseResult, errorOf, everyCheck, resultOf } from '../checks/results.js';
import { fail } from '../checks/verdict.js';
import { UpstreamError } from '../errors.js';
import type { GradingDeps } from '../grading/grade-attempts.js';
import type { GrafanaClient } from './client.js';
import { type GradeEnv, type Grader, gradePanel, graders } from './grade.js';
import { type GrafanaSnapshot, readSnapshot } from './snapshot.js';

/** The Grafana versions this tool is tested against (the stand-in's behaviours of each). */
export const testedGrafana = ['11.4', '12.2', '13'] as const;

/** A note when Grafana's version is not one the checks were tested with. */
export function versionNote(version: string | undefined): string | undefined {
  if (!version) return undefined;
  const tested = testedGrafana.some((v) => version === v || version.startsWith(`${v}.`));
  return tested
    ? undefined
    : `Grafana ${version} answered; these checks are tested against Grafana ${testedGrafana.join(', ')}.x`;
}

/**
 * Reads Grafana once, then grades every exercise 2 check. Grafana unreachable or a 401 makes
 * every check an error; a read that fails (the dashboard, the alert rules) fails only the checks
 * that need it.
 */
export async function runGrafanaExercise(
  def: GrafanaExercise,
  deps: { client: GrafanaClient; dataset: GradingDeps['dataset']; env: GradeEnv; now(): number },
  only?: (id: string) => boolean,
): Promise<ExerciseResult> {
  const started = deps.now();
  let snapshot: GrafanaSnapshot;
  try {
    snapshot = await readSnapshot(deps.client, deps.dataset, def);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return everyCheck(def, only, (c) => errorOf(c, error, 1, deps.now() - started));
  }
  const result = everyCheck(def, only, (c) => {
    const check = def.checks.find((x) => x.id === c.id);
    const failed = check ? snapshot.failed[check.reads] : undefined;
    if (failed) return errorOf(c, failed, 1, deps.now() - started);
    const panel = def.panels.find((p) => p.check === c.id);
    const grader = (graders as Record<string, Grader | undefined>)[c.id];
    const v = panel
      ? gradePanel(panel, snapshot)
      : grader
        ? grader(snapshot, def, deps.env)
        : fail(`no grader for ${c.id}`);
    return resultOf(c, v, 1, deps.now() - started);
  });
  const note = versionNote(snapshot.version);
  return note ? { ...result, notes: [note] } : result;
}
