import type { Session } from '../session.js';

/**
 * One grader per stack: `up` may run again under a running exporter's feet, and a new stack (a
 * session with another start time) gets a new grader; the same stack keeps its grader (and the
 * verdicts it remembers).
 */
export function graderPerStack<G>(open: () => Promise<Session>, make: (session: Session) => G) {
  let current: { key: string; grader: G } | undefined;
  return {
    /** The grader of the stack that is there now. */
    async grader(): Promise<G> {
      const session = await open();
      const key = session.state?.startedAt ?? '';
      if (current?.key !== key) current = { key, grader: make(session) };
      return current.grader;
    },
    /** The grader of the last grading, if any. */
    last: (): G | undefined => current?.grader,
  };
}
