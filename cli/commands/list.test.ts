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
