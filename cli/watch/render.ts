import { Chalk } from 'chalk';
import type { CheckResult, ExerciseResult } from '../checks/results.js';
import { score } from '../checks/results.js';
import { clip } from '../text.js';

export interface WatchView {
  /** The learner's exercises: Exercise 1's work section and Exercise 2. */
  exercises: ExerciseResult[];
  /** Part names by exercise id and letter. */
  parts: Record<string, Record<string, string>>;
  showHint: boolean;
  /** A line about what watch is waiting for (no query log, Grafana down, …). */
  status: string;
}

const marks = { pass: '✓', fail: '✗', unchecked: '○', error: '!' } as const;
const oneLine = (q: string) => q.replace(/\s+/g, ' ').trim();

/** The next thing to do: the first check, in the text's order, that has not passed. */
export function nextCheck(view: WatchView): CheckResult | undefined {
  for (const ex of view.exercises) for (const c of ex.checks) if (c.status !== 'pass') return c;
  return undefined;
}

/** The live checklist, like rustlings' watch: one screen, redrawn on every change. Pure. */
export function renderWatch(view: WatchView, opts: { color: boolean; width: number }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const paint = { pass: c.green, fail: c.red, unchecked: c.dim, error: c.yellow } as const;
  const lines: string[] = [];
  const next = nextCheck(view);
  for (const ex of view.exercises) {
    const { score: got, maxScore } = score(ex);
    const width = 20;
    const filled = maxScore ? Math.round((got / maxScore) * width) : 0;
    lines.push(
      `${c.bold(`${ex.id}: ${ex.title}`)}  [${c.green('#'.repeat(filled))}${'-'.repeat(width - filled)}] ${got}/${maxScore} points`,
    );
    let part = '';
    for (const r of ex.checks) {
      const letter = r.id.split('/')[1] ?? '';
      if (letter !== part) {
        part = letter;
        lines.push(`  Part ${letter}: ${view.parts[ex.id]?.[letter] ?? ''}`);
      }
      const pointer = r === next ? c.bold('›') : ' ';
      const detail =
        r.status === 'pass' && r.work
          ? c.dim(oneLine(r.work.query))
          : r.status === 'fail'
            ? c.red(r.message)
            : r.status === 'error'
              ? c.yellow(r.message)
              : c.dim(r.attempted === false ? 'not attempted yet' : r.message);
      const line = `  ${pointer}${paint[r.status](marks[r.status])} ${r.id.split('/').slice(1).join('/').padEnd(5)} ${r.title}  ${detail}`;
      lines.push(clip(line, opts.width + 40));
    }
    lines.push('');
  }
  if (next) {
    lines.push(`Next: ${next.id} ${next.title}`);
    if (view.showHint) {
      if (next.work && next.status === 'fail') lines.push(`  you ran: ${clip(oneLine(next.work.query))}`);
      lines.push(`  hint: ${next.hint ?? next.todo ?? 'see the exercise text'}`);
    }
  } else lines.push(c.green('Every check passes. Well done!'));
  lines.push('', c.dim(`${view.status}  ·  q quit  ·  h ${view.showHint ? 'hide' : 'show'} the hint`));
  return lines.join('\n');
}

/** What changed between two gradings, a line each: what `watch` prints when there is no terminal. Pure. */
export function changeLines(before: ExerciseResult[], after: ExerciseResult[]): string[] {
  const old = new Map(before.flatMap((ex) => ex.checks.map((r) => [r.id, r] as const)));
  const out: string[] = [];
  for (const ex of after) {
    for (const r of ex.checks) {
      const was = old.get(r.id);
      // A pass stays a pass whatever its note says (first seen, or kept from the state dir).
      if (was && was.status === r.status && (r.status === 'pass' || was.message === r.message)) continue;
      if (!was && r.status === 'unchecked') continue;
      const what =
        r.status === 'pass'
          ? `passes${r.work ? `: ${clip(oneLine(r.work.query))}` : ''}`
          : r.status === 'fail'
            ? `fails: ${r.message}`
            : r.status === 'error'
              ? `cannot be checked: ${r.message}`
              : r.message;
      out.push(`${marks[r.status]} ${r.id} ${r.title} ${what}`);
    }
  }
  return out;
}
