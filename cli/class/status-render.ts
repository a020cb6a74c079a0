import { Chalk } from 'chalk';
import type { ClassGrid } from './grid.js';

const marks = { pass: '✓', fail: '✗', unchecked: '?', not_attempted: '·', error: '!' } as const;

/** `class status` for a terminal: one line per learner, a column per check. */
export function renderClassStatus(grid: ClassGrid, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const width = Math.max(7, ...grid.learners.map((l) => l.name.length));
  const paint = { pass: c.green, fail: c.red, unchecked: c.gray, not_attempted: c.dim, error: c.yellow };
  const lines = [`Class at ${grid.at}: ${grid.learners.length} learners, ${grid.checks.length} checks`, ''];
  const parts = grid.checks.map((k) => k.id.replace(/^exercise-(\d)\/.*/, '$1')).join('');
  lines.push(`${'learner'.padEnd(width)}  score   ${parts}`);
  for (const l of grid.learners) {
    const cells = grid.checks.map((k) => {
      const s = l.states[k.id];
      return s ? paint[s](marks[s]) : ' ';
    });
    const where =
      l.reach === 'down'
        ? c.red(`unreachable: ${l.problem ?? ''}`)
        : l.reach === 'never seen'
          ? c.red('not seen yet')
          : `${l.reach}, last seen ${l.lastSeen ?? '?'}${l.problem ? c.red(` (${l.problem})`) : ''}${l.inRoster ? '' : c.yellow(' (not in the roster)')}`;
    lines.push(
      `${l.name.padEnd(width)}  ${`${l.score}/${l.maxScore}`.padEnd(6)}  ${cells.join('')}  ${where}`,
    );
    if (l.stuck)
      lines.push(
        `${''.padEnd(width)}  ${c.yellow(`stuck on ${l.stuck.check} since ${l.stuck.since} (${l.stuck.tries} tries)`)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
