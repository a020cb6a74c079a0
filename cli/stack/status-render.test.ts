import { describe, expect, it } from 'vitest';
import { renderPhases } from '../steps/phase-table.js';
import type { StackStatus } from './status.js';
import { renderStatus } from './status-render.js';

const status: StackStatus = {
  backend: 'native',
  recorded: false,
  healthy: false,
  services: [
    { name: 'webapp', url: 'http://127.0.0.1:3001', state: 'down', detail: 'webapp did not answer\n' },
  ],
  targets: [],
  targetsError: 'Prometheus did not answer\n',
};
/** A colour code right after a newline, with nothing styled before the next newline: a stray reset. */
const esc = String.fromCharCode(27);
const strayCode = new RegExp(`\\n${esc}\\[[\\d;]*m(${esc}\\[[\\d;]*m)*(\\n|$)`);

describe('coloured output', () => {
  it('never leaves a colour code after a newline (details that end in one are trimmed)', () => {
    expect(renderStatus(status, true, '/state')).not.toMatch(strayCode);
    expect(
      renderPhases([{ name: 'up', seconds: 1, outcome: 'failed', detail: 'exited\n' }], true),
    ).not.toMatch(strayCode);
  });

  it('says when no stack is recorded, and where it looked', () => {
    expect(renderStatus(status, false, '/state')).toContain('no `workshop up` is recorded in /state');
  });
});
