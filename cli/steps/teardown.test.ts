import { describe, expect, it } from 'vitest';
import { StackError, UpstreamError } from '../errors.js';
import { failedStartOf, preflightTeardown, type StackStart, smokeTeardown } from './teardown.js';

describe('how a failed up left the stack', () => {
  it('comes from the typed cleanup of the error, not from its message', () => {
    const undone = new StackError('node-exporter: exited during start-up');
    undone.cleanup = 'stopped webapp again';
    expect(failedStartOf(undone)).toBe('failed-and-undone');
    // The words alone say nothing: no cleanup recorded, nothing was undone.
    expect(failedStartOf(new StackError('stopped webapp again, which it had started'))).toBe('failed');
    expect(failedStartOf(new Error('boom'))).toBe('failed');
  });
});

describe("smoke's teardown", () => {
  it.each<[StackStart, boolean, true | string]>([
    ['started', false, true],
    ['started', true, '--keep: the stack stays up (`workshop down` stops it)'],
    ['was-up', false, 'the stack was up before smoke, so it stays up'],
    ['was-up', true, 'the stack was up before smoke, so it stays up'],
    ['failed-and-undone', false, 'up stopped what it had started itself'],
    ['failed', false, 'up started nothing'],
    ['not-run', false, 'up started nothing'],
  ])('%s (keep: %s) → %s', (start, keep, expected) => {
    const decision = smokeTeardown(start, keep);
    expect(decision === true ? true : decision.skip).toBe(expected);
  });
});

describe("preflight's teardown", () => {
  it.each<[StackStart, boolean, boolean, boolean]>([
    ['started', false, false, true],
    ['started', true, false, false],
    ['was-up', false, true, false],
    ['failed', false, false, true],
    ['failed-and-undone', false, false, true],
    ['failed', false, true, false],
    ['not-run', false, false, false],
  ])('%s (keep: %s, ours ran before: %s) → down: %s', (start, keep, ranBefore, down) => {
    expect(preflightTeardown(start, keep, ranBefore)).toBe(down);
  });

  it('an upstream failure of up is a failed start too', () => {
    expect(failedStartOf(new UpstreamError('prometheus', 'http://x', 'no'))).toBe('failed');
  });
});
