import type { PromqlExercise } from '../../exercises/schema.js';

/**
 * Points this stack cannot give: the checks that need a service it does not run and have no
 * accepted form without it (Part D's D/3 on the native backend), said with the score so that
 * 18/20 is not a mystery. Pure.
 */
export function unearnable(
  checks: PromqlExercise['checks'],
  unavailable: Record<string, string>,
  backend: string | undefined,
): string[] {
  const byService = new Map<string, { steps: string[]; points: number }>();
  for (const c of checks)
    for (const need of c.needs)
      if (unavailable[need.service] && c.accepted.length === 0) {
        const e = byService.get(need.service) ?? { steps: [], points: 0 };
        e.steps.push(c.id.split('/').slice(1).join('/'));
        e.points += c.points;
        byService.set(need.service, e);
      }
  return [...byService].map(
    ([service, { steps, points }]) =>
      `step ${steps.join(', ')} (${points} point${points === 1 ? '' : 's'}) needs the compose stack: ${unavailable[service]}; this ${backend ? `${backend} ` : ''}stack cannot earn ${points === 1 ? 'it' : 'them'}`,
  );
}
