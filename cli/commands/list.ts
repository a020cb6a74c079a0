import type { Command } from 'commander';
import { loadExercises } from '../../exercises/index.js';
import type { Context } from '../context.js';

export function registerList(program: Command, ctx: Context): void {
  program
    .command('list')
    .description('show the exercises, their parts and check ids, and what each check needs')
    .option('--json', 'print only a JSON document on stdout')
    .action((flags: { json?: boolean }) => list(ctx, flags));
}

export function list(ctx: Context, flags: { json?: boolean }): void {
  const exercises = loadExercises();
  if (flags.json) {
    const doc = exercises.map((e) => ({
      id: e.id,
      title: e.title,
      parts: e.parts,
      checks: e.checks.map((c) => ({
        id: c.id,
        title: c.title,
        points: c.points,
        needs: c.needs.map((n) => n.job),
        query: c.query,
      })),
    }));
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const e of exercises) {
    lines.push(`${e.id}: ${e.title}`);
    for (const [part, name] of Object.entries(e.parts)) {
      lines.push(`  Part ${part}: ${name}`);
      for (const c of e.checks.filter((x) => x.id.split('/')[1] === part)) {
        const needs = c.needs.length ? `  (needs ${c.needs.map((n) => n.job).join(', ')})` : '';
        lines.push(`    ${c.id.padEnd(16)} ${c.title} [${c.points} pt${c.points > 1 ? 's' : ''}]${needs}`);
      }
    }
  }
  ctx.stdout.write(`${lines.join('\n')}\n`);
}
