import { describe, expect, it } from 'vitest';
import type { UpResult } from '../phases/up.js';
import { renderUp } from './up-render.js';

const native: UpResult = {
  backend: 'native',
  reason: '--backend native',
  alreadyUp: false,
  state: {
    backend: 'native',
    startedAt: '2026-12-05T10:00:00.000Z',
    urls: {
      prometheus: 'http://localhost:9090',
      webapp: 'http://localhost:3001',
      progress: 'http://localhost:9199',
      grafana: 'http://localhost:3000',
    },
    processes: {
      webapp: { pid: 10, port: 3001, log: 'webapp.log' },
      progress: { pid: 11, port: 9199, log: 'progress.log' },
      prometheus: { pid: 12, port: 9090, log: 'prometheus.log' },
    },
    unavailable: { grafana: 'no Grafana package here' },
  },
  reporting: { learner: 'Ada' },
};

describe('renderUp', () => {
  it("lists the native backend's processes with their URLs, whose progress it is, and what is missing", () => {
    expect(renderUp(native, { own: false, unavailable: native.state.unavailable }, false)).toBe(
      [
        'The native stack is up (--backend native).',
        '  webapp         http://localhost:3001',
        '  progress       http://localhost:9199',
        '  prometheus     http://localhost:9090',
        '  your progress  as "Ada" (http://localhost:9199/probe?module=exercise-1)',
        '  grafana        not available: no Grafana package here',
        '',
      ].join('\n'),
    );
  });

  it("lists the learner's own Grafana as theirs, and says where progress is pushed", () => {
    const r = { ...native, alreadyUp: true, reporting: { learner: 'Ada', reportTo: 'http://10.0.0.5:9095' } };
    const text = renderUp(r, { own: true, unavailable: {} }, false);
    expect(text).toContain('The native stack is already up; nothing to do.\n');
    expect(text).toContain(
      '  grafana        http://localhost:3000 (yours: workshop neither starts nor stops it)\n',
    );
    expect(text).toContain(', pushed to http://10.0.0.5:9095 (');
    expect(text).not.toContain('not available');
  });

  it('says what was restarted or recreated', () => {
    expect(renderUp({ ...native, restarted: ['webapp'] }, { own: false, unavailable: {} }, false)).toMatch(
      /^The native stack is up again: restarted webapp, which had stopped; the rest ran on\.\n/,
    );
    expect(
      renderUp({ ...native, recreated: ['prometheus'] }, { own: false, unavailable: {} }, false),
    ).toMatch(/^The native stack is up: recreated prometheus to apply the learner name/);
  });

  it('--json: one document, the URLs of what runs, only the keys that apply', () => {
    expect(JSON.parse(renderUp(native, { own: false, unavailable: native.state.unavailable }, true))).toEqual(
      {
        backend: 'native',
        reason: '--backend native',
        alreadyUp: false,
        urls: {
          webapp: 'http://localhost:3001',
          progress: 'http://localhost:9199',
          prometheus: 'http://localhost:9090',
        },
        learner: 'Ada',
        unavailable: { grafana: 'no Grafana package here' },
      },
    );
  });
});
