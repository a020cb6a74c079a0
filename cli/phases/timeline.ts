import { Chalk } from 'chalk';

export type PhaseOutcome = 'ok' | 'failed' | 'skipped' | 'interrupted';

/** One line of a composite command's phase table: what ran, how long, how it ended and why. */
export interface PhaseReport {
  name: string;
  seconds: number;
  outcome: PhaseOutcome;
  detail?: string;
}

/** Runs phases one after another and records each one's time and outcome, failures included. */
export class Timeline {
  readonly phases: PhaseReport[] = [];
  private readonly now: () => number;
  private readonly signal: AbortSignal;
  constructor(now: () => number, signal: AbortSignal) {
    this.now = now;
    this.signal = signal;
  }

  /**
   * Runs a phase; `judge` turns its value into an outcome. A throw is recorded as failed (or
   * interrupted after Ctrl-C) and rethrown, so the caller decides what still runs.
   */
  async run<T>(
    name: string,
    phase: () => Promise<T>,
    judge: (value: T) => { outcome: PhaseOutcome; detail?: string },
  ): Promise<T> {
    const t0 = this.now();
    const seconds = () => (this.now() - t0) / 1000;
    try {
      const value = await phase();
      this.phases.push({ name, seconds: seconds(), ...judge(value) });
      return value;
    } catch (error) {
      const cleanup = (error as { cleanup?: string }).cleanup;
      this.phases.push({
        name,
        seconds: seconds(),
        outcome: this.signal.aborted ? 'interrupted' : 'failed',
        detail: [(error as Error).message, cleanup].filter(Boolean).join('; '),
      });
      throw error;
    }
  }

  skip(name: string, detail: string): void {
    this.phases.push({ name, seconds: 0, outcome: 'skipped', detail });
  }

  failed(): boolean {
    return this.phases.some((p) => p.outcome === 'failed' || p.outcome === 'interrupted');
  }
}

/** The phase table: one line a phase, then the total. Pure. */
export function renderPhases(phases: PhaseReport[], color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const paint = { ok: c.green, failed: c.red, interrupted: c.yellow, skipped: c.dim } as const;
  const width = Math.max(9, ...phases.map((p) => p.name.length + 1));
  const lines = [`${'Phase'.padEnd(width)} Seconds  Outcome`];
  for (const p of phases) {
    // Trimmed: a colour code after a trailing newline would start the next line.
    const detail = p.detail ? `  ${c.dim(p.detail.trim())}` : '';
    lines.push(
      `${p.name.padEnd(width)} ${p.seconds.toFixed(1).padStart(7)}  ${paint[p.outcome](p.outcome)}${detail}`,
    );
  }
  const total = phases.reduce((n, p) => n + p.seconds, 0);
  lines.push(`${'total'.padEnd(width)} ${total.toFixed(1).padStart(7)}`);
  return `${lines.join('\n')}\n`;
}
