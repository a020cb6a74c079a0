import type { Command } from 'commander';
import { exercise2 } from '../../exercises/exercise-2/exercise.js';
import { loadExercises } from '../../exercises/index.js';
import type { Context } from '../context.js';

export function registerList(program: Command, ctx: Context): void {
  program
    .command('list')
    .description('show the exercises, their parts and check ids, and what each check needs')
    .option('--json', 'print only a JSON document on stdout')
    .action((flags: { json?: boolean }) => list(ctx, flags));
}

interface Listed {
  id: string;
  title: string;
  parts: Record<string, string>;
  checks: { id: string; title: string; points: number; needs: string[] }[];
}

/** Every exercise's checks: the PromQL ones need Prometheus jobs, exercise 2 needs Grafana. */
export function listExercises(): Listed[] {
  const promql = loadExercises().map((e) => ({
    id: e.id,
    title: e.title,
    parts: e.parts,
    checks: e.checks.map((c) => ({
      id: c.id,
      title: c.title,
      points: c.points,
      needs: ['prometheus', ...c.needs.map((n) => n.job)],
    })),
  }));
  const grafana = {
    id: exercise2.id,
    title: exercise2.title,
    parts: exercise2.parts,
    checks: exercise2.checks.map((c) => ({ id: c.id, title: c.title, points: c.points, needs: ['grafana'] })),
  };
  return [...promql, grafana];
}

export function list(ctx: Context, flags: { json?: boolean }): void {
  const exercises = listExercises();
  if (flags.json) {
    ctx.stdout.write(`${JSON.stringify(exercises, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const e of exercises) {
    lines.push(`${e.id}: ${e.title}`);
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
