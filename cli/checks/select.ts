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
