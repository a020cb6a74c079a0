import type { Command } from 'commander';
import { exercises } from '../../exercises/registry.js';
import type { Context } from '../context.js';
import { exitCodeLines as codes, helpFooter } from './flags/help.js';

export function register(cmd: Command, ctx: Context): void {
  cmd
    .option('--json', 'print only a JSON document on stdout')
    .addHelpText('after', helpFooter(['workshop list', 'workshop list --json'], [codes.ok, codes.usage]))
    .action((flags: { json?: boolean }) => list(ctx, flags));
}

interface Listed {
  id: string;
  title: string;
  /** How it is graded: PromQL through Prometheus, or Grafana's API. */
  gradedBy: 'prometheus' | 'grafana';
  parts: Record<string, string>;
  checks: { id: string; title: string; points: number; needs: string[] }[];
}

/** Every exercise's checks: the PromQL ones need Prometheus and their jobs, exercise 2 needs Grafana. */
export function listExercises(): Listed[] {
  return exercises().map((e) =>
    e.runner === 'promql'
      ? {
          id: e.definition.id,
          title: e.definition.title,
          gradedBy: 'prometheus',
          parts: e.definition.parts,
          checks: e.definition.checks.map((c) => ({
            id: c.id,
            title: c.title,
            points: c.points,
            needs: ['prometheus', ...c.needs.map((n) => n.service)],
          })),
        }
      : {
          id: e.definition.id,
          title: e.definition.title,
          gradedBy: 'grafana',
          parts: e.definition.parts,
          checks: e.definition.checks.map((c) => ({
            id: c.id,
            title: c.title,
            points: c.points,
            needs: ['grafana'],
          })),
        },
  );
}

function list(ctx: Context, flags: { json?: boolean }): void {
  const listed = listExercises();
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const e of listed) {
    lines.push(
      `${e.id}: ${e.title} (graded through ${e.gradedBy === 'prometheus' ? "Prometheus's" : "Grafana's"} API)`,
    );
    for (const [part, name] of Object.entries(e.parts)) {
      lines.push(`  Part ${part}: ${name}`);
      for (const c of e.checks.filter((x) => x.id.split('/')[1] === part)) {
        lines.push(
          `    ${c.id.padEnd(17)} ${c.title} [${c.points} pt${c.points > 1 ? 's' : ''}]  (needs ${c.needs.join(', ')})`,
        );
      }
    }
    lines.push('');
  }
  ctx.stdout.write(lines.join('\n'));
}
