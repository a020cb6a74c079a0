import { setMaxListeners } from 'node:events';
import { createLimiter, type Limiter } from './limiter.js';
import type { FloodPhase, PacedPhase, Plan } from './plan.js';
import type { PlannedRequest } from './requests.js';

/** What came back for one request; status 0 means no HTTP response (refused, reset, timed out, cut off). */
export interface SendResult {
  status: number;
  error?: string;
}

/** Sends one request and never throws: every failure is a SendResult with status 0. */
export type Send = (request: PlannedRequest, signal: AbortSignal) => Promise<SendResult>;

export interface RequestRecord {
  method: 'GET';
  /** Without the query string, as the app's `path` label. */
  path: string;
  status: number;
  latencyMs: number;
  /** The /delay `seconds` sent, if any. */
  delaySeconds: number | undefined;
  error: string | undefined;
}

export interface RunDeps {
  send: Send;
  /** Monotonic milliseconds: schedules and latencies. */
  now(): number;
  /** Wall-clock milliseconds: the ledger's times. */
  wallNow(): number;
  /** Rejects (or resolves early) when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Aborted on Ctrl-C: nothing new starts after it. */
  signal: AbortSignal;
  concurrency: number;
  /** After a stop, how long requests in flight may still answer before they are cut off. */
  graceMs: number;
  /** Told as each phase begins, however short it is. */
  onPhase?(index: number, count: number, name: string): void;
}

export interface RunProgress {
  phaseIndex: number;
  phaseCount: number;
  phaseName: string;
  sent: number;
  completed: number;
  inFlight: number;
}

export interface RunOutcome {
  records: RequestRecord[];
  /** Every /delay `seconds` value, in the order sent. */
  delaysSent: number[];
  interrupted: boolean;
  startedAtMs: number;
  endedAtMs: number;
  wallMs: number;
}

export interface Run {
  progress(): RunProgress;
  done: Promise<RunOutcome>;
}

/** Starts executing a plan; `progress()` can be polled while `done` is pending. */
export function startRun(plan: Plan, deps: RunDeps): Run {
  const state = { phaseIndex: 0, phaseName: plan.phases[0]?.name ?? '', sent: 0, completed: 0, inFlight: 0 };
  const records: RequestRecord[] = [];
  const delaysSent: number[] = [];
  // Separate from deps.signal: a stop only cuts requests off once the grace time is over.
  const cutOff = new AbortController();
  // Our own copy of the stop signal: each phase's limiter, each sleep and a test's sends listen to
  // it, which can pass Node's warning threshold of ten; the caller's signal is not ours to reconfigure.
  const stopper = new AbortController();
  setMaxListeners(0, cutOff.signal, stopper.signal);
  const stopped = stopper.signal;
  const forwardStop = () => stopper.abort(deps.signal.reason);
  if (deps.signal.aborted) forwardStop();
  else deps.signal.addEventListener('abort', forwardStop, { once: true });
  let idleWaiters: Array<() => void> = [];

  const whenIdle = () =>
    state.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));

  const launch = (request: PlannedRequest, limiter: Limiter) => {
    state.sent++;
    state.inFlight++;
    if (request.delaySeconds !== undefined) delaysSent.push(request.delaySeconds);
    const started = deps.now();
    const settle = ({ status, error }: SendResult) => {
      const latencyMs = deps.now() - started;
      const { path, delaySeconds } = request;
      records.push({ method: 'GET', path, status, latencyMs, delaySeconds, error });
      state.completed++;
      state.inFlight--;
      limiter.release();
      if (state.inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const wake of waiters) wake();
      }
    };
    deps
      .send(request, cutOff.signal)
      .then(settle, (error: unknown) => settle({ status: 0, error: String(error) }));
  };

  /** False when the run was stopped before `at`. */
  const sleepUntil = async (at: number): Promise<boolean> => {
    const ms = at - deps.now();
    if (ms > 0) await deps.sleep(ms, stopped).catch(() => {});
    return !stopped.aborted;
  };

  const schedulePaced = async (phase: PacedPhase): Promise<void> => {
    const limiter = createLimiter(Math.min(deps.concurrency, phase.maxInFlight ?? deps.concurrency), stopped);
    const start = deps.now();
    for (const [k, batch] of phase.batches.entries()) {
      if (!(await sleepUntil(start + k * phase.intervalMs))) return;
      for (const request of batch) {
        if (!(await limiter.acquire())) return;
        launch(request, limiter);
      }
    }
  };

  const scheduleFlood = async (phase: FloodPhase): Promise<void> => {
    const limiter = createLimiter(deps.concurrency, stopped);
    const start = deps.now();
    const end = start + phase.durationMs;
    const gapMs = phase.ratePerSecond ? 1000 / phase.ratePerSecond : 0;
    // Behind schedule (timers are coarser than the gap), requests go out back to back until caught up.
    for (let i = 0; start + i * gapMs < end; i++) {
      if (gapMs > 0 && !(await sleepUntil(start + i * gapMs))) return;
      if (!(await limiter.acquire())) return;
      if (deps.now() >= end) {
        limiter.release();
        return;
      }
      launch(phase.request, limiter);
    }
  };

  const execute = async (): Promise<RunOutcome> => {
    const startedAtMs = deps.wallNow();
    const t0 = deps.now();
    const stopRequested = new Promise<void>((resolve) => {
      if (stopped.aborted) resolve();
      else stopped.addEventListener('abort', () => resolve(), { once: true });
    });
    for (const [i, phase] of plan.phases.entries()) {
      state.phaseIndex = i;
      state.phaseName = phase.name;
      deps.onPhase?.(i, plan.phases.length, phase.name);
      await (phase.kind === 'flood' ? scheduleFlood(phase) : schedulePaced(phase));
      // Phases follow each other, as in the original: the next starts when this one has answered.
      await Promise.race([whenIdle(), stopRequested]);
      if (stopped.aborted) break;
    }
    deps.signal.removeEventListener('abort', forwardStop);
    const interrupted = stopped.aborted;
    if (interrupted && state.inFlight > 0) {
      const grace = new AbortController();
      await Promise.race([whenIdle(), deps.sleep(deps.graceMs, grace.signal).catch(() => {})]);
      grace.abort();
      cutOff.abort(new Error('cut off: the run was stopped'));
      await whenIdle();
    }
    return {
      records,
      delaysSent,
      interrupted,
      startedAtMs,
      endedAtMs: deps.wallNow(),
      wallMs: deps.now() - t0,
    };
  };

  return {
    progress: () => ({ ...state, phaseCount: plan.phases.length }),
    done: execute(),
  };
}
