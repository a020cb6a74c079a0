import { describe, expect, it } from 'vitest';
import { listExercises } from './list.js';

describe('listExercises', () => {
  it('lists both exercises with every check id and what it needs', () => {
    const [ex1, ex2] = listExercises();
    expect(ex1?.checks.find((c) => c.id === 'exercise-1/D/1')?.needs).toEqual(['prometheus', 'cadvisor']);
    expect(ex1?.checks.find((c) => c.id === 'exercise-1/A/3')?.needs).toEqual(['prometheus']);
    expect(ex2?.checks.map((c) => c.id)).toContain('exercise-2/H/10');
    expect(ex2?.checks.every((c) => c.needs.includes('grafana'))).toBe(true);
  });
});

describe('workshop list (in process)', () => {
  it('prints every part and check, and the same as JSON', async () => {
    const { runInProcess } = await import('../../test/helpers/in-process.js');
    const text = await runInProcess(['list']);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain("exercise-1: Golden Signals with PromQL (graded through Prometheus's API)");
    expect(text.stdout).toContain('exercise-2/H/10');
    const json = await runInProcess(['list', '--json']);
    const doc = JSON.parse(json.stdout);
    expect(doc.map((e: { id: string; gradedBy: string }) => [e.id, e.gradedBy])).toEqual([
      ['exercise-1', 'prometheus'],
      ['exercise-2', 'grafana'],
    ]);
    expect(json.stderr).toBe('');
  });
});
