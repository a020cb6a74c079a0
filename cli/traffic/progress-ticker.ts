import type { Progress } from '../ui/progress.js';
import type { RunProgress } from './run.js';

/** "quick: 37/50 sent, 12 in flight". */
export function progressText(mode: string, p: RunProgress, planned: number | undefined): string {
  const sent = planned === undefined ? `${p.sent}` : `${p.sent}/${planned}`;
  return `${mode}: ${sent} sent, ${p.inFlight} in flight`;
}

/** "phase 2/5: latency: /delay 2.1 → 4.0 s", or undefined for a one-phase run. */
export function phaseText(p: RunProgress): string | undefined {
  return p.phaseCount > 1 ? `phase ${p.phaseIndex + 1}/${p.phaseCount}: ${p.phaseName}` : undefined;
}

/**
 * Keeps the progress display current while a run goes on: the counts every 100 ms (a terminal
 * shows them, plain logs drop them), and one line as each phase begins.
 */
export function tickProgress(
  progress: Progress,
  mode: string,
  read: () => RunProgress,
  planned: number | undefined,
) {
  const first = read();
  progress.start(progressText(mode, first, planned));
  let lastPhase: string | undefined;
  const tick = () => {
    const p = read();
    const phase = phaseText(p);
    if (phase !== lastPhase && phase !== undefined) progress.info(phase);
    lastPhase = phase;
    progress.update(progressText(mode, p, planned));
  };
  tick();
  const timer = setInterval(tick, 100);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
