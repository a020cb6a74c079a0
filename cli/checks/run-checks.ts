import type { PromqlCheck, PromqlExercise } from '../../exercises/schema.js';
import { UpstreamError } from '../errors.js';
import type { ScrapeTarget } from '../prometheus/schemas.js';
import { services } from '../stack/services.js';
import type { Ledger } from '../traffic/ledger.js';
import { evaluateAssertion } from './assertions.js';
import { collect } from './collect.js';
import { diagnoseEmpty } from './diagnose.js';
import type { Observation } from './observation.js';
import type { PromApi } from './prom-api.js';
import { type CheckResult, type ExerciseResult, errorOf, resultOf } from './results.js';
import { combine, fail, unchecked, type Verdict } from './verdict.js';

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
  only?: (id: string) => boolean;
}

/** The job whose scrapes carry the traffic: until it was scraped after the last run ended, failures are "not yet". */
const trafficJob = services.webapp.job;

/** Runs every PromQL check of an exercise concurrently; each retries while it is in a "not yet" state. */
export async function runPromqlExercise(
  ex: PromqlExercise,
  deps: CheckRunDeps,
  opts: CheckRunOptions,
): Promise<ExerciseResult> {
  const checks = ex.checks.filter((c) => opts.only?.(c.id) ?? true);
  const shared = { ...deps, api: sharedTargets(deps.api) };
  const results = await Promise.all(checks.map((c) => runCheck(c, shared, opts)));
  return { id: ex.id, title: ex.title, checks: results };
}

/**
 * The checks run at once and each asks for the scrape targets first: those asking while a request
 * is on its way share its answer (one request a round, not one a check); a later round asks anew.
 */
export function sharedTargets(api: PromApi): PromApi {
  let pending: Promise<ScrapeTarget[]> | undefined;
  return {
    query: (promql, time) => api.query(promql, time),
    series: (match, startSeconds) => api.series(match, startSeconds),
    labelNames: (match) => api.labelNames(match),
    labelValues: (label, match) => api.labelValues(label, match),
    formatQuery: (promql) => api.formatQuery(promql),
    targets() {
      pending ??= api.targets().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}

async function runCheck(check: PromqlCheck, deps: CheckRunDeps, opts: CheckRunOptions): Promise<CheckResult> {
  const started = deps.now();
  deps.onEvent?.({ type: 'start', id: check.id });
  const end = (result: CheckResult) => {
    deps.onEvent?.({ type: 'end', result });
    return result;
  };
  const done = (v: Verdict, attempts: number, extra: Partial<CheckResult> = {}) =>
    end({ ...resultOf(check, v, attempts, deps.now() - started), ...extra });

  for (let attempt = 1; ; attempt++) {
    let verdict: Verdict;
    try {
      const targets = await deps.api.targets();
      const unmet = check.needs.find((n) => !targets.some((t) => (t.labels.job ?? t.scrapePool) === n.job));
      if (unmet)
        return done(
          unchecked(unmet.why, unmet.instead ? `instead: ${unmet.instead}` : `start ${unmet.service}`),
          attempt,
          {
            unavailableService: unmet.service,
          },
        );
      verdict = await evaluateCheck(check, deps, opts, targets);
      if (verdict.outcome !== 'pass' && !verdict.notYet && !fresh(targets, deps.ledgers)) {
        verdict = { ...verdict, notYet: true };
      }
    } catch (error) {
      // Prometheus did not answer, or refused our own reference query: the check could not run.
      if (error instanceof UpstreamError) return end(errorOf(check, error, attempt, deps.now() - started));
      throw error;
    }
    const outOfTime = deps.now() - started + (opts.retryIntervalMs ?? 1000) > opts.waitMs;
    if (verdict.outcome === 'pass' || !verdict.notYet || outOfTime || deps.signal?.aborted)
      return done(verdict, attempt);
    deps.onEvent?.({ type: 'retry', id: check.id, attempt, reason: verdict.message });
    await deps.sleep(opts.retryIntervalMs ?? 1000, deps.signal).catch(() => undefined);
  }
}

async function evaluateCheck(
  check: PromqlCheck,
  deps: CheckRunDeps,
  opts: CheckRunOptions,
  targets: ScrapeTarget[],
): Promise<Verdict> {
  const obs = await collect(check, check.query, deps.api, deps.ledgers, deps.now());
  if (obs.samples.length === 0 && check.assertions.some((a) => a.kind === 'nonEmpty')) {
    const d = await diagnoseEmpty(check.query, deps.api, targets, opts.scrapeIntervalSeconds);
    return fail(d.message, { expected: check.expect, actual: 'no series', notYet: !d.final });
  }
  return evaluate(check, obs);
}

/** Every assertion, in order: the first that fails decides, then any that could not compare. Pure. */
export function evaluate(check: PromqlCheck, obs: Observation): Verdict {
  const verdict = combine(check.assertions.map((a) => evaluateAssertion(a, obs)));
  const extra = [...obs.warnings, ...obs.infos];
  // Prometheus's own warnings and infos (e.g. "metric might not be a counter") belong in the report.
  const said = extra.length ? ` (Prometheus says: ${extra.join('; ')})` : '';
  if (verdict.outcome !== 'pass') return { ...verdict, message: `${verdict.message}${said}` };
  const summary =
    obs.samples.length === 1 && Object.keys(obs.samples[0]?.labels ?? {}).length === 0
      ? `value ${obs.samples[0]?.value.toPrecision(4)}`
      : `${obs.samples.length} series`;
  return { outcome: 'pass', note: `${[summary, verdict.note].filter(Boolean).join('; ')}${said}` };
}

/** Whether Prometheus has scraped the webapp since the latest traffic run ended. */
function fresh(targets: ScrapeTarget[], ledgers: Ledger[]): boolean {
  const latest = ledgers.at(-1);
  if (!latest) return true;
  const t = targets.find((x) => (x.labels.job ?? x.scrapePool) === trafficJob);
  return t !== undefined && Date.parse(t.lastScrape) > Date.parse(latest.endedAt);
}
