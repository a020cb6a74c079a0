import { describe, expect, it } from 'vitest';
import type { Progress } from '../ui/progress.js';
import { tickProgress } from './progress-ticker.js';
import type { RunProgress } from './run.js';

function recordingProgress() {
  const calls: string[] = [];
  const progress: Progress = {
    start: (t) => calls.push(`start ${t}`),
    update: (t) => calls.push(`update ${t}`),
    succeed: (t) => calls.push(`succeed ${t}`),
    fail: (t) => calls.push(`fail ${t}`),
    info: (t) => calls.push(`info ${t}`),
    stop: () => calls.push('stop'),
  };
  return { calls, progress };
}

const at = (p: Partial<RunProgress>): RunProgress => ({
  phaseIndex: 0,
  phaseCount: 1,
  phaseName: 'only',
  sent: 0,
  completed: 0,
  inFlight: 0,
  ...p,
});

describe('tickProgress', () => {
  it('shows the counts, and one line as each phase begins', async () => {
    const { calls, progress } = recordingProgress();
    let p = at({ phaseCount: 2, phaseName: 'first' });
    const ticker = tickProgress(progress, 'demo', () => p, 160);
    p = { ...p, sent: 37, inFlight: 12 };
    await new Promise((resolve) => setTimeout(resolve, 150));
    p = { ...p, phaseIndex: 1, phaseName: 'second', sent: 100, inFlight: 0 };
    await new Promise((resolve) => setTimeout(resolve, 150));
    ticker.stop();
    expect(calls[0]).toBe('start demo: 0/160 sent, 0 in flight');
    expect(calls).toContain('update demo: 37/160 sent, 12 in flight');
    expect(calls.filter((c) => c.startsWith('info'))).toEqual([
      'info phase 1/2: first',
      'info phase 2/2: second',
    ]);
    const count = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calls).toHaveLength(count);
  });

  it('has no phase lines for a one-phase run, and no total for a flood', () => {
    const { calls, progress } = recordingProgress();
    const p = at({ phaseName: 'flood', sent: 5, completed: 3, inFlight: 2 });
    tickProgress(progress, 'flood', () => p, undefined).stop();
    expect(calls).toEqual(['start flood: 5 sent, 2 in flight', 'update flood: 5 sent, 2 in flight']);
  });
});
