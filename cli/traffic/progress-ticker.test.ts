import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Spinner } from '../ui/spinner.js';
import { phaseText, tickProgress } from './progress-ticker.js';
import type { RunProgress } from './run.js';

function recordingSpinner() {
  const calls: string[] = [];
  const spinner: Spinner = {
    start: (t) => calls.push(`start ${t}`),
    update: (t) => calls.push(`update ${t}`),
    succeed: (t) => calls.push(`succeed ${t}`),
    fail: (t) => calls.push(`fail ${t}`),
    info: (t) => calls.push(`info ${t}`),
    stop: () => calls.push('stop'),
  };
  return { calls, spinner };
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

afterEach(() => {
  vi.useRealTimers();
});

describe('tickProgress (fake timers)', () => {
  it('updates the counts every 100 ms while it runs, and not after stop', () => {
    vi.useFakeTimers();
    const { calls, spinner } = recordingSpinner();
    let p = at({ phaseCount: 2, phaseName: 'first' });
    const ticker = tickProgress(spinner, 'demo', () => p, 160);
    p = { ...p, sent: 37, inFlight: 12 };
    vi.advanceTimersByTime(100);
    p = { ...p, sent: 100, inFlight: 0 };
    vi.advanceTimersByTime(100);
    ticker.stop();
    vi.advanceTimersByTime(1_000);
    expect(calls).toEqual([
      'start demo: 0/160 sent, 0 in flight',
      'update demo: 0/160 sent, 0 in flight',
      'update demo: 37/160 sent, 12 in flight',
      'update demo: 100/160 sent, 0 in flight',
    ]);
  });

  it('has no total for a flood', () => {
    const { calls, spinner } = recordingSpinner();
    tickProgress(spinner, 'flood', () => at({ sent: 5, completed: 3, inFlight: 2 }), undefined).stop();
    expect(calls).toEqual(['start flood: 5 sent, 2 in flight', 'update flood: 5 sent, 2 in flight']);
  });
});

describe('phaseText', () => {
  it('names the phase of a many-phase run, and nothing for a one-phase run', () => {
    expect(phaseText(1, 5, 'latency')).toBe('phase 2/5: latency');
    expect(phaseText(0, 1, 'only')).toBeUndefined();
  });
});
