import { Chalk } from 'chalk';
import type { CheckResult, ExerciseResult } from '../checks/results.js';
import { score } from '../checks/results.js';
import { clip, oneLine, printable } from '../text.js';

export interface WatchView {
  /** The learner's exercises: Exercise 1's work section and Exercise 2. */
  exercises: ExerciseResult[];
  /** Part names by exercise id and letter. */
  parts: Record<string, Record<string, string>>;
  showHint: boolean;
  /** A line about what watch is waiting for (no query log, Grafana down, …). */
  status: string;
  /** Something is wrong right now (Prometheus does not answer): a banner under the scores. */
  problem?: string;
}

/** The terminal's size: every line fits its width, and the screen its height. */
export interface ScreenSize {
  width: number;
  height: number;
}

const marks = { pass: '✓', fail: '✗', unchecked: '○', error: '!' } as const;
/** The next thing to do: the first check, in the text's order, that has not passed. */
export function nextCheck(view: WatchView): CheckResult | undefined {
  for (const ex of view.exercises) for (const c of ex.checks) if (c.status !== 'pass') return c;
  return undefined;
}

type Paint = (s: string) => string;
/** A line as plain pieces, each with its colour: cut to the width first, coloured after. */
type Piece = [text: string, paint?: Paint];

/** Cuts the plain text to `width` columns (an ellipsis where it is cut), then colours each piece. */
export function fitLine(pieces: Piece[], width: number): string {
  let room = Math.max(1, width);
  let out = '';
  for (const [raw, paint] of pieces) {
    const text = printable(raw);
    if (room <= 0) break;
    const cut = text.length > room ? `${text.slice(0, room - 1)}…` : text;
    room -= cut.length;
    out += paint ? paint(cut) : cut;
  }
  return out;
}

/**
 * The live checklist, like rustlings' watch: one screen, redrawn on every change. The scores,
 * a problem banner and the next step always show; the checks scroll so that the current part
 * is on screen. Every line is cut to the terminal's width before it is coloured. Pure.
 */
export function renderWatch(view: WatchView, opts: { color: boolean } & ScreenSize): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const paint = { pass: c.green, fail: c.red, unchecked: c.dim, error: c.yellow } as const;
  const line = (...pieces: Piece[]) => fitLine(pieces, opts.width);
  const next = nextCheck(view);
  const many = view.exercises.length > 1;

  const top: string[] = [];
  for (const ex of view.exercises) {
    const { score: got, maxScore } = score(ex);
    const barWidth = 20;
    const filled = maxScore ? Math.round((got / maxScore) * barWidth) : 0;
    top.push(
      line(
        [`${ex.id}: ${ex.title}`, c.bold],
        ['  ['],
        ['#'.repeat(filled), c.green],
        [`${'-'.repeat(barWidth - filled)}] ${got}/${maxScore} points`],
      ),
    );
  }
  if (view.problem) top.push(line([`! ${view.problem}`, c.bold.yellow]));
  top.push('');

  const body: string[] = [];
  let currentPart = 0;
  for (const ex of view.exercises) {
    let part = '';
    for (const r of ex.checks) {
      const letter = r.id.split('/')[1] ?? '';
      if (letter !== part) {
        part = letter;
        if (ex.checks.includes(next as CheckResult) && next?.id.split('/')[1] === letter)
          currentPart = body.length;
        body.push(line([`  ${many ? `${ex.id} ` : ''}Part ${letter}: ${view.parts[ex.id]?.[letter] ?? ''}`]));
      }
      const detail: Piece =
        r.status === 'pass' && r.work
          ? [`${oneLine(r.work.query)}${r.kept ? ' (kept)' : ''}`, c.dim]
          : r.status === 'fail'
            ? [r.message, c.red]
            : r.status === 'error'
              ? [r.message, c.yellow]
              : [r.attempted === false ? 'not attempted yet' : r.message, c.dim];
      body.push(
        line(
          ['  '],
          [r === next ? '›' : ' ', c.bold],
          [marks[r.status], paint[r.status]],
          [` ${r.id.split('/').slice(1).join('/').padEnd(5)} ${r.title}  `],
          detail,
        ),
      );
    }
  }

  const bottom: string[] = [''];
  if (next) {
    bottom.push(line([`Next: ${next.id} ${next.title}`]));
    if (view.showHint) {
      if (next.work && next.status === 'fail') bottom.push(line([`  you ran: ${oneLine(next.work.query)}`]));
      bottom.push(line([`  hint: ${next.hint ?? next.todo ?? 'see the exercise text'}`]));
    }
  } else bottom.push(line(['Every check passes. Well done!', c.green]));
  bottom.push(
    '',
    line([`${view.status}  ·  q quit  ·  h ${view.showHint ? 'hide' : 'show'} the hint`, c.dim]),
  );

  return [...top, ...scroll(body, opts.height - top.length - bottom.length, currentPart), ...bottom].join(
    '\n',
  );
}

/** The body lines that fit, from the current part on when not all do, with what is above and below said. */
function scroll(body: string[], room: number, current: number): string[] {
  if (body.length <= room) return body;
  if (room < 3) return body.slice(current, current + Math.max(0, room));
  const start = Math.max(0, Math.min(current, body.length - (room - 1)));
  const above = start > 0 ? 1 : 0;
  let shown = room - above;
  if (start + shown < body.length) shown--;
  const hidden = body.length - start - shown;
  return [
    ...(above ? [`  ↑ ${start} more`] : []),
    ...body.slice(start, start + shown),
    ...(hidden > 0 ? [`  ↓ ${hidden} more`] : []),
  ];
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
