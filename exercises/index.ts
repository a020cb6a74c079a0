import { type Exercise, exerciseSchema } from '../cli/checks/schema.js';
import { ExitCode, WorkshopError } from '../cli/errors.js';
import { exercise1 } from './exercise-1/exercise.js';

/** Every PromQL exercise, validated with zod when loaded: a malformed definition never runs. */
export function loadExercises(defs = [exercise1]): Exercise[] {
  return defs.map((def) => {
    const parsed = exerciseSchema.safeParse(def);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new WorkshopError(`exercise ${def.id} is invalid at ${issue?.path.join('.')}: ${issue?.message}`, {
      exitCode: ExitCode.internal,
    });
  });
}
