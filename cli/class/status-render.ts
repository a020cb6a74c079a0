import { Chalk } from 'chalk';
import { type ClassGrid, reportsFrom } from './grid.js';

const marks = { pass: '✓', fail: '✗', unchecked: '?', not_attempted: '·', error: '!' } as const;

/** `class status` for a terminal: one line per learner, a column per check. */
export function renderClassStatus(grid: ClassGrid, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const width = Math.max(7, ...grid.learners.map((l) => l.name.length));
  const paint = { pass: c.green, fail: c.red, unchecked: c.gray, not_attempted: c.dim, error: c.yellow };
  const lines = [`Class at ${grid.at}: ${grid.learners.length} learners, ${grid.checks.length} checks`, ''];
  // A column per check, labelled by part and step ("A3", "H10"), under its exercise's name.
  const labels = grid.checks.map((k) => k.id.split('/').slice(1).join(''));
  const widths = labels.map((label) => label.length + 1);
  const lead = `${''.padEnd(width)}  ${''.padEnd(6)}  `;
  let exerciseRow = '';
  grid.checks.forEach((k, i) => {
    const start = widths.slice(0, i).reduce((a, b) => a + b, 0);
    if (k.exercise !== grid.checks[i - 1]?.exercise)
      exerciseRow = `${exerciseRow.padEnd(start)}${k.exercise}`;
  });
  lines.push(`${lead}${exerciseRow}`.trimEnd());
  lines.push(
    `${'learner'.padEnd(width)}  score   ${labels.map((l, i) => l.padEnd(widths[i] ?? 0)).join('')}`,
  );
  for (const l of grid.learners) {
    const cells = grid.checks.map((k, i) => {
      const s = l.states[k.id];
      return `${s ? paint[s](marks[s]) : ' '}${' '.repeat((widths[i] ?? 1) - 1)}`;
    });
    const where =
      l.reach === 'down'
        ? c.red(`unreachable: ${l.problem ?? ''}`)
        : l.reach === 'never seen'
          ? c.red('not seen yet')
          : `${l.reach === 'up' ? 'federated' : l.reach}, last seen ${l.lastSeen ?? '?'}${l.problem ? c.red(` (${l.problem})`) : ''}${l.inRoster ? '' : c.yellow(' (not in the roster)')}${l.reportsAs ? c.yellow(` (${reportsFrom(l)})`) : ''}`;
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
