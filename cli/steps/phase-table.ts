import { Chalk } from 'chalk';

export type PhaseOutcome = 'ok' | 'failed' | 'skipped' | 'interrupted';

/** One line of a composite command's phase table: what ran, how long, how it ended and why. */
export interface PhaseReport {
  name: string;
  seconds: number;
  outcome: PhaseOutcome;
  detail?: string;
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
