import type { GrafanaExercise } from '../../exercises/exercise-2/exercise.js';
import type { PromApi } from '../checks/prom-api.js';
import { type CheckResult, type ExerciseResult, everyCheck } from '../checks/results.js';
import { UpstreamError } from '../errors.js';
import type { GrafanaClient } from './client.js';
import { type GradeEnv, gradePanel, graders } from './grade.js';
import { readSnapshot } from './snapshot.js';

/** Reads Grafana once, then grades every exercise 2 check; Grafana unreachable or a 401 makes every check an error. */
export async function runGrafanaExercise(
  def: GrafanaExercise,
  deps: { client: GrafanaClient; prom: PromApi; env: GradeEnv; now(): number },
  only?: (id: string) => boolean,
): Promise<ExerciseResult> {
  const started = deps.now();
  const checks = def.checks.filter((c) => only?.(c.id) ?? true);
  let snapshot: Awaited<ReturnType<typeof readSnapshot>>;
  try {
    snapshot = await readSnapshot(deps.client, deps.prom, def);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    const message = error.hint ? `${error.message} (${error.hint})` : error.message;
    return everyCheck(def, only, 'error', message);
  }
  const results: CheckResult[] = checks.map((c) => {
    const panel = def.panels.find((p) => p.check === c.id);
    const grader = graders[c.id];
    const v = panel
      ? gradePanel(panel, snapshot)
      : grader
        ? grader(snapshot, def, deps.env)
        : { ok: false as const, message: `no grader for ${c.id}` };
    const base = {
      id: c.id,
      title: c.title,
      points: c.points,
      attempts: 1,
      durationMs: deps.now() - started,
    };
    return v.ok
      ? { ...base, status: 'pass', message: v.note ?? 'as expected' }
      : {
          ...base,
          status: 'fail',
          message: v.message,
          ...(v.expected !== undefined ? { expected: v.expected } : {}),
          ...(v.actual !== undefined ? { actual: v.actual } : {}),
          hint: c.hint,
        };
  });
  return { id: def.id, title: def.title, checks: results };
}
