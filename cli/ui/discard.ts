import { Writable } from 'node:stream';

/** A stream that drops what it is given: for a phase whose own report a composite command replaces. */
export function discard(): Writable {
  return new Writable({ write: (_chunk, _enc, done) => done() });
}
