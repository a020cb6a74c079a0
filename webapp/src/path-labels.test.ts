import { describe, expect, it } from 'vitest';
import { createPathLabeler, maxPathLabelLength, unmatchedPathLabel } from './path-labels.js';

describe('createPathLabeler', () => {
  it('keeps known paths and the first N distinct unknown paths, then folds the rest into one label', () => {
    const label = createPathLabeler(['/', '/health'], 2);
    expect(label('/users')).toBe('/users');
    expect(label('/nonexistent')).toBe('/nonexistent');
    expect(label('/third')).toBe(unmatchedPathLabel);
    expect(label('/users')).toBe('/users');
    expect(label('/health')).toBe('/health');
    expect(label('/')).toBe('/');
  });

  it('truncates very long paths', () => {
    const label = createPathLabeler([], 5);
    const long = `/${'a'.repeat(500)}`;
    expect(label(long)).toBe(long.slice(0, maxPathLabelLength));
    expect(label(`${long}b`)).toBe(long.slice(0, maxPathLabelLength));
  });

  it('with a cap of 0 labels every unknown path as unmatched', () => {
    expect(createPathLabeler([], 0)('/users')).toBe(unmatchedPathLabel);
  });
});
