/** A source of uniform numbers in [0, 1), injectable so tests can pin every random choice. */
export type Random = () => number;

/** An integer from min to max inclusive, like Python's random.randint. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list, like Python's random.choice. */
export function randomChoice<L extends readonly [unknown, ...unknown[]]>(
  random: Random,
  items: L,
): L[number] {
  return items[randomInt(random, 0, items.length - 1)] ?? items[0];
}
