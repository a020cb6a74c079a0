import { describe, expect, it } from 'vitest';
import type { Session } from '../session.js';
import { graderPerStack } from './grader-per-stack.js';

const sessionStartedAt = (startedAt: string | undefined) =>
  ({
    state: startedAt === undefined ? undefined : { startedAt },
  }) as unknown as Session;

describe('graderPerStack', () => {
  it('keeps one grader while the stack is the same, and makes a new one for a new stack', async () => {
    const starts = ['a', 'a', 'b', 'b', undefined];
    const made: string[] = [];
    const graders = graderPerStack(
      async () => sessionStartedAt(starts.shift()),
      (s) => {
        const name = `grader-${made.length}-${s.state?.startedAt ?? 'none'}`;
        made.push(name);
        return name;
      },
    );
    expect(graders.last()).toBeUndefined();
    expect(await graders.grader()).toBe('grader-0-a');
    expect(await graders.grader()).toBe('grader-0-a');
    expect(await graders.grader()).toBe('grader-1-b');
    expect(graders.last()).toBe('grader-1-b');
    expect(await graders.grader()).toBe('grader-1-b');
    expect(await graders.grader()).toBe('grader-2-none');
    expect(made).toHaveLength(3);
  });
});
