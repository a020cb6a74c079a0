import { Chalk } from 'chalk';
import type { Requirement } from '../stack/requirements.js';
import type { PreflightVerdict } from '../steps/preflight-verdict.js';

/** Preflight's checklist: each item met (✓), optional (○) or to do (✗), then the verdict. Pure. */
export function renderPreflight(
  backend: string,
  reason: string,
  items: Requirement[],
  verdict: PreflightVerdict,
  color: boolean,
): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines = [`Preflight for the ${backend} backend (${reason}):`];
  for (const i of items) {
    const mark = i.ok ? c.green('✓') : i.optional ? c.dim('○') : c.red('✗');
    lines.push(`  ${mark} ${i.name.padEnd(34)} ${i.detail}`);
    if (!i.ok && i.fix) lines.push(`      ${i.optional ? 'optional: ' : 'to do: '}${i.fix}`);
  }
  const said = {
    ready: c.green('Verdict: READY for the workshop.'),
    'exercise-1 only': c.yellow(
      'Verdict: READY for Exercise 1 only: Exercise 2 needs a Grafana (see above).',
    ),
    'not ready': c.red('Verdict: NOT READY: do the "to do" items above, then run preflight again.'),
  };
  lines.push('', said[verdict]);
  return `${lines.join('\n')}\n`;
}
