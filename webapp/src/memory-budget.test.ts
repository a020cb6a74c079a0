import { describe, expect, it } from 'vitest';
import { createMemoryBudget } from './memory-budget.js';

describe('createMemoryBudget', () => {
  it('admits reservations while they fit and frees them once, however often release is called', () => {
    const budget = createMemoryBudget(100);
    const a = budget.tryReserve(60);
    expect(a).toBeTypeOf('function');
    expect(budget.tryReserve(41)).toBeUndefined();
    const b = budget.tryReserve(40);
    expect(budget.heldMb).toBe(100);
    a?.();
    a?.();
    expect(budget.heldMb).toBe(40);
    b?.();
    expect(budget.heldMb).toBe(0);
    expect(budget.tryReserve(100)).toBeTypeOf('function');
  });
});
