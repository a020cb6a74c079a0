import { type CheckState, checkStates } from '../progress-exporter/view.js';
import { rosterLabel } from './class-config.js';
import type { Roster } from './roster.js';

/** One series of the class query: its labels and value (Prometheus's instant vector). */
export interface Sample {
  metric: Record<string, string>;
  value: number;
}

export interface TargetHealth {
  learner: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  lastScrapeDurationSeconds: number;
}

export type Reach = 'up' | 'down' | 'pushing' | 'never seen';

export interface LearnerRow {
  name: string;
  inRoster: boolean;
  /** up / down: federated and answering or not; pushing: seen through remote_write. */
  reach: Reach;
  problem?: string;
  lastSeen?: string;
  score: number;
  maxScore: number;
  states: Record<string, CheckState>;
  /** When each passed check was first passed (the time of the learner's query or save). */
  passedAt: Record<string, string>;
  /**
   * The name this learner's stack reports (`--learner`), when it is not the roster's: the
   * series come from this roster entry's Prometheus under another name, a typo most likely.
   */
  reportsAs?: string;
  stuck?: { check: string; since: string; tries: number };
}

export interface ClassGrid {
  at: string;
  checks: { id: string; exercise: string; title: string }[];
  learners: LearnerRow[];
}

/** Stuck: a check tried, not passed, and the first try more than this long ago. */
export const stuckAfterMs = 10 * 60_000;
/** A scrape that takes longer than this is marked slow on the board. */
export const slowScrapeSeconds = 1;

const stateSet = new Set<string>(checkStates);

/**
 * The grid learner × check from the class query's samples (pure). Roster learners come first,
 * in roster order; learners seen but not in the roster (a typo in `--learner`) after them.
 */
export function buildGrid(input: {
  samples: Sample[];
  targets: TargetHealth[];
  roster: Roster | undefined;
  checks: ClassGrid['checks'];
  nowMs: number;
}): ClassGrid {
  const rows = new Map<string, LearnerRow>();
  const row = (name: string, inRoster: boolean) => {
    let r = rows.get(name);
    if (!r) {
      r = { name, inRoster, reach: 'never seen', score: 0, maxScore: 0, states: {}, passedAt: {} };
      rows.set(name, r);
    }
    return r;
  };
  for (const l of input.roster?.learners ?? []) row(l.name, true);
  const firstTry = new Map<string, number>();
  const tries = new Map<string, number>();
  const key = (learner: string, check: string) => `${learner}\u0000${check}`;
  const scores = new Map<string, Map<string, { score?: number; max?: number }>>();
  for (const s of input.samples) {
    // A federated series belongs to the roster entry it was scraped from, whatever it calls itself.
    const reported = s.metric.learner;
    const learner = s.metric[rosterLabel] ?? reported;
    if (!learner) continue;
    const r = rows.get(learner) ?? row(learner, false);
    if (reported && reported !== learner) r.reportsAs = reported;
    const name = s.metric.__name__;
    const { exercise = '', check = '' } = s.metric;
    if (name === undefined && s.metric.seen === '1') {
      const seen = s.value * 1000;
      if (!r.lastSeen || Date.parse(r.lastSeen) < seen) r.lastSeen = new Date(seen).toISOString();
    } else if (name === 'workshop_check_state' && s.value === 1 && stateSet.has(s.metric.state ?? ''))
      r.states[check] = s.metric.state as CheckState;
    else if (name === 'workshop_check_first_attempt_timestamp_seconds')
      firstTry.set(key(learner, check), s.value * 1000);
    else if (name === 'workshop_check_first_pass_timestamp_seconds')
      r.passedAt[check] = new Date(s.value * 1000).toISOString();
    else if (name === 'workshop_attempts_total') tries.set(key(learner, check), s.value);
    else if (name === 'workshop_score' || name === 'workshop_score_max') {
      const byEx = scores.get(learner) ?? new Map();
      scores.set(learner, byEx);
      const e = byEx.get(exercise) ?? {};
      if (name === 'workshop_score') e.score = s.value;
      else e.max = s.value;
      byEx.set(exercise, e);
    }
  }
  for (const [learner, byEx] of scores) {
    const r = rows.get(learner);
    if (!r) continue;
    for (const e of byEx.values()) {
      r.score += e.score ?? 0;
      r.maxScore += e.max ?? 0;
    }
  }
  const health = new Map(input.targets.map((t) => [t.learner, t]));
  for (const r of rows.values()) {
    const t = health.get(r.name);
    if (t) {
      r.reach = t.health === 'up' ? 'up' : 'down';
      if (t.health !== 'up') r.problem = t.lastError || 'not scraped yet';
      else if (t.lastScrapeDurationSeconds > slowScrapeSeconds)
        r.problem = `slow: its Prometheus took ${t.lastScrapeDurationSeconds.toFixed(1)} s to answer`;
    } else if (r.lastSeen) r.reach = 'pushing';
    let stuck: LearnerRow['stuck'];
    for (const c of input.checks) {
      const since = firstTry.get(key(r.name, c.id));
      const state = r.states[c.id];
      if (since === undefined || state === 'pass' || input.nowMs - since < stuckAfterMs) continue;
      if (!stuck || Date.parse(stuck.since) < since)
        stuck = {
          check: c.id,
          since: new Date(since).toISOString(),
          tries: tries.get(key(r.name, c.id)) ?? 0,
        };
    }
    if (stuck) r.stuck = stuck;
  }
  return { at: new Date(input.nowMs).toISOString(), checks: input.checks, learners: [...rows.values()] };
}

/** A federated learner whose stack reports another name than the roster's (a typo in `--learner`). */
export function reportsFrom(r: LearnerRow): string {
  return `${r.reportsAs} reports from ${r.name}'s Prometheus (federated): fix \`workshop up --learner\` or the roster`;
}
