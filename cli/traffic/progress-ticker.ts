import type { Spinner } from '../ui/spinner.js';
import type { RunProgress } from './run.js';

/** "quick: 37/50 sent, 12 in flight". */
export function progressText(mode: string, p: RunProgress, planned: number | undefined): string {
  const sent = planned === undefined ? `${p.sent}` : `${p.sent}/${planned}`;
  return `${mode}: ${sent} sent, ${p.inFlight} in flight`;
}

/** "phase 2/5: latency: /delay 2.1 → 4.0 s", or undefined for a one-phase run. */
export function phaseText(index: number, count: number, name: string): string | undefined {
  return count > 1 ? `phase ${index + 1}/${count}: ${name}` : undefined;
}

/**
 * Keeps the counts on the progress display current every 100 ms while a run goes on (a terminal
 * shows them, plain logs drop them). Phase lines come from the run itself (RunDeps.onPhase), so
 * a phase shorter than a tick is never missed.
 */
export function tickProgress(
  spinner: Spinner,
  mode: string,
  read: () => RunProgress,
  planned: number | undefined,
) {
  spinner.start(progressText(mode, read(), planned));
  const tick = () => spinner.update(progressText(mode, read(), planned));
  tick();
  const timer = setInterval(tick, 100);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
