import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { StackState } from '../stack/state.js';
import { directSources, exporterStackState, withDirectSources } from './stack-state.js';

const urls = { prometheus: 'http://prometheus:9090', grafana: 'http://grafana:3000' };

describe('exporterStackState', () => {
  it('without a state file: a compose stack started at no known time, reading the query log file it was given', () => {
    expect(exporterStackState(undefined, urls, { queryLog: '/querylog/queries.log' })).toEqual({
      backend: 'compose',
      startedAt: '',
      processes: {},
      unavailable: {},
      urls,
      queryLog: { kind: 'file', path: '/querylog/queries.log' },
    });
  });

  it("keeps the state file's stack (its start time tells a new stack) but reads the log and grades where it is told", () => {
    const state: StackState = {
      backend: 'compose',
      startedAt: '2026-12-05T10:00:00.000Z',
      urls: { prometheus: 'http://localhost:9090' },
      processes: {},
      unavailable: { cadvisor: 'not on this host' },
      queryLog: { kind: 'compose', path: '/prometheus/queries.log' },
      grading: { url: 'http://localhost:9091' },
      prometheusDigest: 'abc',
    };
    expect(
      exporterStackState(state, urls, {
        queryLog: '/querylog/queries.log',
        gradingUrl: 'http://grading:9091',
      }),
    ).toEqual({
      backend: 'compose',
      startedAt: '2026-12-05T10:00:00.000Z',
      processes: {},
      unavailable: { cadvisor: 'not on this host' },
      urls,
      queryLog: { kind: 'file', path: '/querylog/queries.log' },
      grading: { url: 'http://grading:9091' },
    });
  });

  it('drops the grading Prometheus of the state file when no --grading-url is given', () => {
    const state = exporterStackState(
      { backend: 'native', startedAt: 't', urls: {}, processes: {}, unavailable: {}, grading: { url: 'x' } },
      urls,
      { queryLog: 'q.log' },
    );
    expect(state.grading).toBeUndefined();
    expect(state.backend).toBe('native');
  });
});

describe('directSources and withDirectSources', () => {
  it('refuses a --query-log whose folder does not exist (a usage error, exit 2)', () => {
    expect(() => directSources({ queryLog: '/no/such/folder/queries.log' })).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: '--query-log /no/such/folder/queries.log: its folder does not exist',
      }),
    );
    expect(
      directSources({ queryLog: `${os.tmpdir()}/queries.log`, gradingUrl: 'http://grading:9091' }),
    ).toEqual({
      queryLog: `${os.tmpdir()}/queries.log`,
      gradingUrl: 'http://grading:9091',
    });
  });

  it('leaves the session alone without a query log, and replaces its state with one', () => {
    const session = { config: { urls }, state: undefined as StackState | undefined };
    expect(withDirectSources(session, { gradingUrl: 'http://grading:9091' }).state).toBeUndefined();
    expect(withDirectSources(session, { queryLog: 'q.log' }).state?.queryLog).toEqual({
      kind: 'file',
      path: 'q.log',
    });
  });
});
