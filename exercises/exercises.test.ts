import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exercise1 } from './exercise-1/exercise.js';
import { exerciseById, exercises, validateExercise } from './registry.js';
import { promqlExerciseSchema } from './schema.js';

const readme = readFileSync(new URL('./exercise-1/README.md', import.meta.url), 'utf8');
const promqlBlocks = [...readme.matchAll(/```promql\n([\s\S]*?)```/g)].map((m) =>
  dedent(m[1] as string).trim(),
);

function dedent(block: string): string {
  const lines = block.split('\n').filter((l) => l.trim());
  const indent = Math.min(...lines.map((l) => (l.match(/^ */) as RegExpMatchArray)[0].length));
  return block
    .split('\n')
    .map((l) => l.slice(indent))
    .join('\n');
}

describe('exercise definitions', () => {
  it('load and validate, each with the runner that grades it', () => {
    expect(exercises().map((e) => [e.definition.id, e.runner])).toEqual([
      ['exercise-1', 'promql'],
      ['exercise-2', 'grafana'],
    ]);
    expect(exerciseById('exercise-1')?.definition.checks.map((c) => c.id)).toContain('exercise-1/C/3');
  });

  it('hold one check per query of the learner text, verbatim and in order', () => {
    expect(exercise1.checks.map((c) => c.query)).toEqual(promqlBlocks);
  });

  it("cite each check's id in the text", () => {
    for (const c of exercise1.checks) expect(readme).toContain(`(\`${c.id}\`)`);
  });

  it('reject a malformed definition with its path', () => {
    const broken = { ...exercise1, checks: [{ ...exercise1.checks[0], id: 'exercise-1/Z/1' }] };
    expect(() => validateExercise(promqlExerciseSchema, broken, 'exercise-1')).toThrow(/unknown part Z/);
  });
});
