import { grafanaExercise } from '../../exercises/registry.js';
import { counts, type ExerciseResult, type RunSummary } from '../checks/results.js';
import { GrafanaAuthError } from '../grafana/client.js';
import { type CheckPhaseOptions, checkPhase } from '../phases/check.js';
import { solvePhase } from '../phases/solve.js';
import { type TrafficResult, trafficPhase } from '../phases/traffic.js';
import type { UpResult } from '../phases/up.js';
import type { GrafanaToGrade } from '../stack/grafana-target.js';
import { parseTrafficOptions } from '../traffic/options.js';
import type { Step } from './runner.js';
import { bringUp, type UpContext } from './up.js';

/** Preflight's context, built once by its page; the steps fill in what they found. */
export interface PreflightContext extends UpContext {
  selfTest: boolean;
  /** The Grafana to try for exercise 2: asked once, after up. */
  grafana: () => Promise<GrafanaToGrade>;
  /** Traffic was sent and answered: the checks have data. */
  sent?: boolean;
}

type PreflightStep<K extends keyof PreflightContext, R> = Step<Pick<PreflightContext, K>, R>;

const up: PreflightStep<keyof UpContext, UpResult> = {
  name: 'stack up, every target healthy',
  run: bringUp,
  report: (r) => ({ outcome: 'ok', detail: `${r.backend} backend${r.alreadyUp ? ' (already up)' : ''}` }),
  fix: 'see the error; `workshop status` shows each service and target',
  mayFail: true,
};

const traffic: PreflightStep<'session' | 'spinner' | 'up' | 'sent', TrafficResult> = {
  name: 'traffic (quick, time scale 0.1)',
  when: (ctx) => ctx.up !== undefined,
  async run(ctx) {
    const options = parseTrafficOptions({ mode: 'quick', argument: undefined, timeScale: '0.1' });
    const r = await trafficPhase(ctx.session, options, { spinner: ctx.spinner });
    ctx.sent = !r.webappGone;
    return r;
  },
  report(r) {
    if (r.webappGone) return { outcome: 'failed', detail: `the webapp stopped answering: ${r.webappGone}` };
    const answered = r.summary.rows.filter((row) => row.status > 0).reduce((n, row) => n + row.count, 0);
    return {
      outcome: 'ok',
      detail: `${r.summary.totalRequests} requests sent, ${answered} answered, in ${r.summary.wallSeconds.toFixed(1)} s`,
    };
  },
  fix: 'the webapp must answer: `workshop status`',
  mayFail: true,
};

/** Checks the backend cannot run (a service it lacks) are said, not counted. */
const exercise1: PreflightStep<'session' | 'spinner' | 'sent', RunSummary> = {
  name: 'exercise-1 checks',
  when: (ctx) => ctx.sent === true,
  run: (ctx) => grade(ctx, 'exercise-1'),
  report(summary) {
    const c = counts(summary);
    const missing = summary.exercises.flatMap((e) => e.checks).filter((r) => r.unavailableService);
    if (c.failed + c.errors > 0 || c.unchecked > missing.length)
      return {
        outcome: 'failed',
        detail: `${c.failed} failed, ${c.errors} errors, ${c.unchecked - missing.length} unchecked: run \`workshop check exercise-1\` for details`,
      };
    const cannot = missing.length
      ? `, ${missing.length} need ${[...new Set(missing.map((m) => m.unavailableService))].join(', ')}, which this backend does not run`
      : '';
    return { outcome: 'ok', detail: `${c.passed} passed${cannot}` };
  },
  fix: 'run `workshop check exercise-1` and fix what it reports',
  mayFail: true,
};

const authFix = (e: unknown) =>
  e instanceof GrafanaAuthError || (e as Error).message.includes('wrong Grafana user or password')
    ? 'pass the right login with --grafana-user / --grafana-password (or WORKSHOP_GRAFANA_USER / WORKSHOP_GRAFANA_PASSWORD)'
    : 'run `workshop check exercise-2` after `workshop solve exercise-2` to see which check disagrees';

/** Whether exercise 2 can be done: a Grafana answers and takes the login (reading the data sources needs it). */
const grafanaAnswers: PreflightStep<'session' | 'spinner' | 'sent' | 'grafana' | 'selfTest', string> = {
  name: 'Grafana (exercise 2)',
  async when(ctx) {
    if (!ctx.sent) return false;
    const there = await ctx.grafana();
    if (!there.grade)
      return {
        skip: `no Grafana in the ${there.backend} backend (${there.why})`,
        fix: 'use the compose backend, or point --grafana-url at a Grafana; Exercise 1 works without it',
      };
    return !ctx.selfTest;
  },
  async run(ctx) {
    await gradeGrafana(ctx, (id) => id === 'exercise-2/A/1');
    return `answers at ${ctx.session.grafana.url} (--self-test also proves the exercise 2 checks)`;
  },
  report: (detail) => ({ outcome: 'ok', detail }),
  fix: authFix,
  mayFail: true,
  optional: true,
};

/** Katacoda's Solver idea: a clean Grafana must fail every check, the reference solution must pass them. */
const selfTest: PreflightStep<'session' | 'spinner' | 'sent' | 'grafana' | 'selfTest', string> = {
  name: 'exercise-2 self-test (fail → solve → pass → undo)',
  when: async (ctx) => ctx.sent === true && ctx.selfTest && (await ctx.grafana()).grade,
  async run(ctx) {
    const before = await gradeGrafana(ctx);
    const passingBefore = before.checks.filter((c) => c.status === 'pass').map((c) => c.id);
    await solvePhase(ctx.session, { undo: false });
    let after: ExerciseResult;
    try {
      after = await gradeGrafana(ctx);
    } finally {
      await solvePhase(ctx.session, { undo: true });
    }
    const failingAfter = after.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`);
    if (failingAfter.length) throw new Error(`after solve, still failing: ${failingAfter.join('; ')}`);
    if (passingBefore.length)
      return `solve passes every check; already passing before (Grafana was not clean): ${passingBefore.join(', ')}`;
    return 'every check failed on the clean Grafana and passed after solve; undone';
  },
  report: (detail) => ({ outcome: 'ok', detail }),
  fix: authFix,
  mayFail: true,
  optional: true,
};

/** The stack's own checks of one exercise, as preflight runs them (the learner's work is not graded). */
function grade(
  ctx: Pick<PreflightContext, 'session' | 'spinner'>,
  id: string,
  more: Partial<CheckPhaseOptions> = {},
): Promise<RunSummary> {
  return checkPhase(ctx.session, {
    exercises: [id],
    waitMs: 60_000,
    learnerWork: false,
    spinner: ctx.spinner,
    ...more,
  });
}

/** Exercise 2 on the Grafana preflight tries; a check Grafana could not answer is the step's failure. */
async function gradeGrafana(
  ctx: Pick<PreflightContext, 'session' | 'spinner' | 'grafana'>,
  only?: (id: string) => boolean,
): Promise<ExerciseResult> {
  const summary = await grade(ctx, grafanaExercise().id, {
    grafana: await ctx.grafana(),
    ...(only ? { only } : {}),
  });
  const result = summary.exercises[0] as ExerciseResult;
  const error = result.checks.find((c) => c.status === 'error');
  if (error) throw new Error(error.message);
  return result;
}

/** Up, traffic, exercise 1's checks, then exercise 2's Grafana (or its self-test). */
export const preflightSteps: readonly Step<PreflightContext, unknown>[] = [
  up,
  traffic,
  exercise1,
  grafanaAnswers,
  selfTest,
];
