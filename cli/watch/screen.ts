import type { ExerciseResult } from '../checks/results.js';
import type { Context } from '../context.js';
import { changeLines, renderWatch, type WatchView } from './render.js';

/**
 * Where `workshop watch` shows its view: on a terminal, the whole screen redrawn (cursor hidden
 * while it runs); without one, a line per change.
 */
export function watchScreen(ctx: Pick<Context, 'stdout' | 'interactive' | 'color'>, view: WatchView) {
  const full = ctx.interactive;
  const terminal = ctx.stdout as NodeJS.WritableStream & { columns?: number; rows?: number };
  const line = (text: string) => {
    if (!full) ctx.stdout.write(`${text}\n`);
  };
  const draw = () => {
    if (!full) return;
    const size = { width: terminal.columns || 80, height: terminal.rows || 24 };
    // No newline after the last line: on a full screen it would scroll the first one away.
    ctx.stdout.write(`\x1b[H\x1b[2J${renderWatch(view, { color: ctx.color, ...size })}`);
  };
  terminal.on('resize', draw);
  // What does not answer now, by service: the banner shows them all.
  const problems = new Map<string, string>();
  return {
    open(status: string) {
      if (full) ctx.stdout.write('\x1b[?25l');
      else line(`workshop watch: grading your work as you go (${status}); Ctrl-C stops`);
    },
    show(next: ExerciseResult[], status: string) {
      for (const change of changeLines(view.exercises, next)) line(change);
      view.exercises = next;
      view.status = status;
      draw();
    },
    toggleHint() {
      view.showHint = !view.showHint;
      draw();
    },
    /** A service's problem that is there now (in the banner, or a line starting with !), or gone (a line saying so). */
    problem(service: string, text: string | undefined, gone = '') {
      if (text === undefined) problems.delete(service);
      else problems.set(service, text);
      if (problems.size) view.problem = [...problems.values()].join('; ');
      else delete view.problem;
      line(text === undefined ? gone : `! ${text}`);
      draw();
    },
    close() {
      terminal.off('resize', draw);
      if (full) ctx.stdout.write('\x1b[?25h\n');
    },
  };
}

export type WatchScreen = ReturnType<typeof watchScreen>;
