import { UpstreamError } from '../errors.js';
import { PrometheusApiError } from '../prometheus/client.js';
import type { Target } from '../prometheus/schemas.js';
import type { Ledger } from '../traffic/ledger.js';
import { type AssertionVerdict, evaluateAssertion } from './assertions.js';
import { collect } from './collect.js';
import { diagnoseEmpty } from './diagnose.js';
import { gradeAnswer } from './grade-answer.js';
import type { Observation } from './observation.js';
import type { PromApi } from './prom-api.js';
import type { CheckResult, ExerciseResult } from './results.js';
import type { Exercise, PromqlCheck } from './schema.js';

export type CheckEvent =
  | { type: 'start'; id: string }
  | { type: 'retry'; id: string; attempt: number; reason: string }
  | { type: 'end'; result: CheckResult };

export interface CheckRunDeps {
  api: PromApi;
  ledgers: Ledger[];
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  signal?: AbortSignal;
  onEvent?(event: CheckEvent): void;
}

export interface CheckRunOptions {
  /** How long a check in a "not yet" state is retried. */
  waitMs: number;
  retryIntervalMs?: number;
  scrapeIntervalSeconds: number;
  /** Learner's queries by check id: graded instead of the reference's own result. */
  answers?: Record<string, string>;
  only?: (id: string) => boolean;
}

/** The job whose scrapes carry the traffic: until it was scraped after the last run ended, failures are "not yet". */
const trafficJob = 'webapp-prometheus';

/** Runs every PromQL check of an exercise concurrently; each retries while it is in a "not yet" state. */
export async function runPromqlExercise(
  ex: Exercise,
  deps: CheckRunDeps,
  opts: CheckRunOptions,
): Promise<ExerciseResult> {
  const checks = ex.checks.filter((c) => opts.only?.(c.id) ?? true);
  const results = await Promise.all(checks.map((c) => runCheck(c, deps, opts)));
  return { id: ex.id, title: ex.title, checks: results };
}

async function runCheck(check: PromqlCheck, deps: CheckRunDeps, opts: CheckRunOptions): Promise<CheckResult> {
  const started = deps.now();
  deps.onEvent?.({ type: 'start', id: check.id });
  const base = { id: check.id, title: check.title, points: check.points };
  const done = (r: Omit<CheckResult, keyof typeof base | 'durationMs'>): CheckResult => {
    const result = { ...base, ...r, durationMs: deps.now() - started };
    deps.onEvent?.({ type: 'end', result });
    return result;
  };
  const answer = opts.answers?.[check.id];
  if (opts.answers && answer === undefined)
    return done({ status: 'skip', message: 'no answer for this check in the answers file', attempts: 0 });

  for (let attempt = 1; ; attempt++) {
    let verdict: AssertionVerdict;
    try {
      const targets = await deps.api.targets();
      const unmet = check.needs.find((n) => !targets.some((t) => (t.labels.job ?? t.scrapePool) === n.job));
      if (unmet)
        return done({
          status: 'skip',
          message: `${unmet.why}${unmet.instead ? `; instead: ${unmet.instead}` : ''}`,
          attempts: attempt,
        });
      verdict =
        answer !== undefined
          ? await gradeAnswer(check.query, answer, deps.api, deps.now())
          : await evaluateCheck(check, deps, opts, targets);
      if (!verdict.ok && !verdict.notYet && !fresh(targets, deps.ledgers)) {
        verdict = { ...verdict, notYet: true };
      }
    } catch (error) {
      if (error instanceof PrometheusApiError) {
        return done({
          status: 'fail',
          message: `Prometheus rejected the query: ${error.message}`,
          hint: check.hint,
          attempts: attempt,
        });
      }
      if (error instanceof UpstreamError)
        return done({ status: 'error', message: error.message, attempts: attempt });
      throw error;
    }
    if (verdict.ok)
      return done({ status: 'pass', message: verdict.note ?? 'as expected', attempts: attempt });
    const outOfTime = deps.now() - started + (opts.retryIntervalMs ?? 1000) > opts.waitMs;
    if (!verdict.notYet || outOfTime || deps.signal?.aborted) {
      return done({
        status: 'fail',
        message: verdict.message,
        ...(verdict.expected !== undefined ? { expected: verdict.expected } : {}),
        ...(verdict.actual !== undefined ? { actual: verdict.actual } : {}),
        hint: check.hint,
        attempts: attempt,
      });
    }
    deps.onEvent?.({ type: 'retry', id: check.id, attempt, reason: verdict.message });
    await deps.sleep(opts.retryIntervalMs ?? 1000, deps.signal).catch(() => undefined);
  }
}

async function evaluateCheck(
  check: PromqlCheck,
  deps: CheckRunDeps,
  opts: CheckRunOptions,
  targets: Target[],
): Promise<AssertionVerdict> {
  const obs = await collect(check, check.query, deps.api, deps.ledgers, deps.now());
  if (obs.samples.length === 0 && check.assertions.some((a) => a.kind === 'nonEmpty')) {
    const d = await diagnoseEmpty(check.query, deps.api, targets, opts.scrapeIntervalSeconds);
    return { ok: false, message: d.message, expected: check.expect, actual: 'no series', notYet: !d.final };
  }
  return evaluate(check, obs);
}

/** Every assertion, in order; the first that fails decides. Pure. */
export function evaluate(check: PromqlCheck, obs: Observation): AssertionVerdict {
  const notes: string[] = [];
  for (const a of check.assertions) {
    const v = evaluateAssertion(a, obs);
    if (!v.ok) return { ...v, message: withWarnings(v.message, obs) };
    if (v.note) notes.push(v.note);
  }
  const summary =
    obs.samples.length === 1 && Object.keys(obs.samples[0]?.labels ?? {}).length === 0
      ? `value ${obs.samples[0]?.value.toPrecision(4)}`
      : `${obs.samples.length} series`;
  return { ok: true, note: withWarnings([summary, ...notes].join('; '), obs) };
}

/** Prometheus's own warnings and infos (e.g. "metric might not be a counter") belong in the report. */
function withWarnings(message: string, obs: Observation): string {
  const extra = [...obs.warnings, ...obs.infos];
  return extra.length ? `${message} (Prometheus says: ${extra.join('; ')})` : message;
}

/** Whether Prometheus has scraped the webapp since the latest traffic run ended. */
function fresh(targets: Target[], ledgers: Ledger[]): boolean {
  const latest = ledgers.at(-1);
  if (!latest) return true;
  const t = targets.find((x) => (x.labels.job ?? x.scrapePool) === trafficJob);
  return t !== undefined && Date.parse(t.lastScrape) > Date.parse(latest.endedAt);
}
