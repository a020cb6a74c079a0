import type { RegisteredExercise } from '../../exercises/registry.js';
import { UsageError } from '../errors.js';

/** The exercises named on the command line, in the registry's order; all when none is named. */
export function selectExercises(known: string[], ids: string[]): string[] {
  if (ids.length === 0) return known;
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length)
    throw new UsageError(`unknown exercise ${unknown.join(', ')}`, `choose from: ${known.join(', ')}`);
  return known.filter((id) => ids.includes(id));
}

/** `--run <regex>`: the checks whose id matches. Matching none is a mistake (a typo in CI must not pass). */
export function checkFilter(
  pattern: string | undefined,
  checkIds: string[],
): ((id: string) => boolean) | undefined {
  if (pattern === undefined) return undefined;
  // An empty pattern matches every check: a run that looks filtered and is not.
  if (pattern.trim() === '')
    throw new UsageError('--run is empty', 'give a regex of check ids, e.g. --run exercise-1/C');
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (error) {
    throw new UsageError(`--run: ${(error as Error).message}`);
  }
  if (!checkIds.some((id) => re.test(id)))
    throw new UsageError(
      `--run "${pattern}" matches no check`,
      'see `workshop list` for the check ids, e.g. --run exercise-1/C',
    );
  return (id) => re.test(id);
}

/** The exercises named and `--run`'s filter over their checks: what `workshop check` grades. */
export function selectChecks(all: RegisteredExercise[], ids: string[], run: string | undefined) {
  const chosen = selectExercises(
    all.map((e) => e.definition.id),
    ids,
  );
  const checkIds = all
    .filter((e) => chosen.includes(e.definition.id))
    .flatMap((e) => e.definition.checks.map((c) => c.id));
  return { chosen, only: checkFilter(run, checkIds) };
}
