import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/helpers/in-process.js';
import { ExitCode, WorkshopError } from '../errors.js';
import { serveUntilStopped } from './serve.js';

const handler = async () => undefined;

async function failure(host: string, port: number): Promise<WorkshopError> {
  const ctx = await testContext();
  const error = await serveUntilStopped(ctx, handler, { host, port, busyHint: 'another one runs' }, () => {
    throw new Error('it should not have listened');
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkshopError);
  return error as WorkshopError;
}

describe('serveUntilStopped: why it cannot listen, in words', () => {
  it('an address this machine does not have is the user’s to fix (exit 2), not "another exporter may be running"', async () => {
    const e = await failure('10.9.9.9', 9199);
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.message).toBe('cannot serve on 10.9.9.9:9199: 10.9.9.9 is not an address of this machine');
    expect(e.hint).not.toContain('another one runs');
  });

  it('a taken port is exit 3 with the caller’s hint', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const e = await failure('127.0.0.1', port);
    taken.close();
    expect(e.exitCode).toBe(ExitCode.upstream);
    expect(e.message).toContain('the port is taken');
    expect(e.hint).toBe('another one runs');
  });
});
