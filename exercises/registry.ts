import type { z } from 'zod';
import { type Exercise1CheckId, exercise1 } from './exercise-1/exercise.js';
import { type Exercise2CheckId, exercise2 } from './exercise-2/exercise.js';
import {
  type GrafanaExercise,
  grafanaExerciseSchema,
  type PromqlExercise,
  promqlExerciseSchema,
} from './schema.js';

/** Every check of the workshop, by id: the learner text cites them, `list` shows them. */
export type CheckId = Exercise1CheckId | Exercise2CheckId;

/**
 * Every exercise and how it is graded: `promql` runs its checks' queries through Prometheus's
 * HTTP API, `grafana` reads the learner's Grafana through its HTTP API. The check runner picks
 * the runner from here.
 */
export type RegisteredExercise =
  | { runner: 'promql'; definition: PromqlExercise }
  | { runner: 'grafana'; definition: GrafanaExercise };
export type ExerciseId = RegisteredExercise['definition']['id'];

/** Validated with zod when first loaded: a malformed definition never runs. */
function validated<T extends z.ZodType>(schema: T, def: unknown, id: string): z.infer<T> {
  const parsed = schema.safeParse(def);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // A shipped exercise that does not parse is a bug of ours: the CLI reports it as an internal error.
  throw new Error(`exercise ${id} is invalid at ${issue?.path.join('.')}: ${issue?.message}`);
}

let loaded: RegisteredExercise[] | undefined;

export function exercises(): RegisteredExercise[] {
  loaded ??= [
    { runner: 'promql', definition: validated(promqlExerciseSchema, exercise1, exercise1.id) },
    { runner: 'grafana', definition: validated(grafanaExerciseSchema, exercise2, exercise2.id) },
  ];
  return loaded;
}

export function exerciseById(id: string): RegisteredExercise | undefined {
  return exercises().find((e) => e.definition.id === id);
}

/** The Grafana exercise (solve applies its reference solution). */
export function grafanaExercise(): GrafanaExercise {
  for (const e of exercises()) if (e.runner === 'grafana') return e.definition;
  throw new Error('no Grafana exercise is registered');
}

export { validated as validateExercise };
