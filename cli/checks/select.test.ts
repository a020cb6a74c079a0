import { describe, expect, it } from 'vitest';
import { exercises } from '../../exercises/registry.js';
import { selectChecks } from './select.js';

describe('selectChecks', () => {
  const all = exercises();
  const ids = all.map((e) => e.definition.id);

  it('all exercises and no filter when nothing is named', () => {
    expect(selectChecks(all, [], undefined)).toEqual({ chosen: ids, only: undefined });
  });

  it('--run filters the checks of the exercises named, and matching none of them is a usage error', () => {
    const first = all[0]?.definition;
    const check = first?.checks[0]?.id ?? '';
    const { chosen, only } = selectChecks(all, [first?.id ?? ''], `^${check}$`);
    expect(chosen).toEqual([first?.id]);
    expect(only?.(check)).toBe(true);
    expect(only?.(`${check}x`)).toBe(false);
    const other = all[1]?.definition.checks[0]?.id ?? '';
    expect(() => selectChecks(all, [first?.id ?? ''], `^${other}$`)).toThrow(
      expect.objectContaining({ exitCode: 2, message: `--run "^${other}$" matches no check` }),
    );
  });

  it('an unknown exercise is a usage error that lists the known ones', () => {
    expect(() => selectChecks(all, ['exercise-9'], undefined)).toThrow(
      expect.objectContaining({ exitCode: 2, hint: `choose from: ${ids.join(', ')}` }),
    );
  });
});
