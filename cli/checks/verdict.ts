/**
 * What one check (or one assertion of a check) concluded. Three outcomes, because "nothing to
 * compare" is neither right nor wrong: it is unchecked, with the reason and what to do about it.
 * (The fourth outcome of a check, error, is an upstream failure and never comes from an evaluator.)
 */
export type Verdict = Pass | Fail | Unchecked;

export interface Pass {
  outcome: 'pass';
  note?: string;
}

export interface Fail {
  outcome: 'fail';
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** A hint for this very mistake, instead of the check's general one. */
  hint?: string;
  /** Waiting may change it (not scraped yet): retried until the check's wait is over. */
  notYet?: boolean;
  /** What the check looks at is not there at all (no dashboard yet): the learner has not tried it. */
  absent?: boolean;
}

export interface Unchecked {
  outcome: 'unchecked';
  message: string;
  /** What the user can do so that it can be checked. */
  todo: string;
  notYet?: boolean;
}

export const pass = (note?: string): Pass => (note ? { outcome: 'pass', note } : { outcome: 'pass' });

export function fail(
  message: string,
  details: { expected?: unknown; actual?: unknown; hint?: string; notYet?: boolean; absent?: boolean } = {},
): Fail {
  const out: Fail = { outcome: 'fail', message };
  if (details.expected !== undefined) out.expected = details.expected;
  if (details.actual !== undefined) out.actual = details.actual;
  if (details.hint !== undefined) out.hint = details.hint;
  if (details.notYet) out.notYet = true;
  if (details.absent) out.absent = true;
  return out;
}

export function unchecked(message: string, todo: string, notYet = false): Unchecked {
  return notYet ? { outcome: 'unchecked', message, todo, notYet } : { outcome: 'unchecked', message, todo };
}

/**
 * One verdict from a check's assertions, in order: the first failure decides; otherwise any
 * assertion that could not compare makes the whole check unchecked; otherwise it passes.
 */
export function combine(verdicts: Iterable<Verdict>): Verdict {
  const notes: string[] = [];
  const open: Unchecked[] = [];
  for (const v of verdicts) {
    if (v.outcome === 'fail') return v;
    if (v.outcome === 'unchecked') open.push(v);
    else if (v.note) notes.push(v.note);
  }
  const first = open[0];
  if (first) {
    return unchecked(
      [...new Set(open.map((u) => u.message))].join('; '),
      first.todo,
      open.some((u) => u.notYet),
    );
  }
  return pass(notes.join('; ') || undefined);
}
