import type { Context } from '../context.js';
import type { PhaseOutcome, PhaseReport } from './phase-table.js';

/** What a step's typed result says in the table: how it went and what it found. */
export interface StepReport {
  outcome: Exclude<PhaseOutcome, 'skipped'>;
  detail: string;
}

/** A step that does not run this time, and why (a "skipped" line), with what to do about it. */
export interface Skip {
  skip: string;
  fix?: string;
}

/**
 * One step of a composite command (smoke, preflight), create-astro style: it takes the part of
 * the command's context it needs (a `Pick<>`) and returns a typed result, which `report` turns
 * into its line. What later steps need of a result, `run` keeps in the context.
 */
export interface Step<C, R> {
  readonly name: string;
  /** Whether it runs: `false` leaves no line; a `Skip` says why not. */
  when?(ctx: C): boolean | Skip | Promise<boolean | Skip>;
  run(ctx: C): Promise<R>;
  report(result: R): StepReport;
  /** A result that must stop the steps after it, as this error (the webapp went away). */
  stopsOn?(result: R): Error | undefined;
  /** A failure is recorded and the steps after it still run. */
  mayFail?: boolean;
  /** Runs even after a step stopped the run or Ctrl-C came: it undoes what an earlier one did. */
  cleanup?: boolean;
  /** What to do when it did not go well (preflight's "to do" line). */
  fix?: string | ((error: unknown) => string);
  /** Not needed to go on (preflight: Exercise 1 works without a Grafana). */
  optional?: boolean;
}

/** A step as it ran: a line of the phase table, and for preflight what to do about it. */
export interface StepRecord extends PhaseReport {
  fix?: string;
  optional?: boolean;
}

/**
 * Runs the steps in order and records each one's time and outcome, failures included. A step
 * that throws (unless it `mayFail`) or `stopsOn` its result stops the ones after it but the
 * cleanups; Ctrl-C does too. Returns what stopped the run, for the command to rethrow.
 */
export async function runSteps<C>(
  steps: readonly Step<C, unknown>[],
  ctx: C,
  runner: StepRunner,
): Promise<{ failure: unknown }> {
  let failure: unknown;
  for (const step of steps) {
    if ((failure !== undefined || runner.aborted()) && !step.cleanup) continue;
    const when = (await step.when?.(ctx)) ?? true;
    if (when === false) continue;
    if (when !== true) {
      runner.skip(step, when);
      continue;
    }
    try {
      const result = await runner.run(step, ctx);
      failure ??= step.stopsOn?.(result);
    } catch (error) {
      if (!step.mayFail) failure ??= error;
    }
  }
  return { failure };
}

/** Times steps and keeps their records: the phase table (smoke) or the checklist (preflight). */
export class StepRunner {
  readonly records: StepRecord[] = [];
  private readonly clock: Pick<Context, 'now' | 'signal'>;
  private readonly onStart: ((name: string) => void) | undefined;
  constructor(clock: Pick<Context, 'now' | 'signal'>, onStart?: (name: string) => void) {
    this.clock = clock;
    this.onStart = onStart;
  }

  aborted(): boolean {
    return this.clock.signal.aborted;
  }

  /**
   * Runs one step and returns its result. A throw is recorded as failed (interrupted after
   * Ctrl-C), with what was undone on the way out, and rethrown.
   */
  async run<C, R>(step: Step<C, R>, ctx: C): Promise<R> {
    this.onStart?.(step.name);
    const t0 = this.clock.now();
    const seconds = () => (this.clock.now() - t0) / 1000;
    let result: R;
    try {
      result = await step.run(ctx);
    } catch (error) {
      const cleanup = (error as { cleanup?: string }).cleanup;
      const detail = [(error as Error).message, cleanup].filter(Boolean).join('; ');
      const outcome = this.aborted() ? 'interrupted' : 'failed';
      this.add(step, { name: step.name, seconds: seconds(), outcome, detail }, error);
      throw error;
    }
    this.add(step, { name: step.name, seconds: seconds(), ...step.report(result) });
    return result;
  }

  skip(step: Pick<Step<never, never>, 'name' | 'optional'>, why: Skip): void {
    this.records.push({
      name: step.name,
      seconds: 0,
      outcome: 'skipped',
      detail: why.skip,
      ...(why.fix !== undefined ? { fix: why.fix } : {}),
      ...(step.optional ? { optional: true } : {}),
    });
  }

  private add<C, R>(step: Step<C, R>, line: StepRecord, error?: unknown): void {
    const fix =
      line.outcome === 'ok' || !step.fix
        ? undefined
        : typeof step.fix === 'string'
          ? step.fix
          : step.fix(error);
    this.records.push({
      ...line,
      ...(fix !== undefined ? { fix } : {}),
      ...(step.optional ? { optional: true } : {}),
    });
  }
}
