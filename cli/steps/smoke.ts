import { exercises } from '../../exercises/registry.js';
import { counts, type RunSummary } from '../checks/results.js';
import { checkPhase } from '../phases/check.js';
import { type DownResult, downPhase } from '../phases/down.js';
import { solvePhase } from '../phases/solve.js';
import { type TrafficResult, trafficPhase, webappGoneError } from '../phases/traffic.js';
import type { UpResult } from '../phases/up.js';
import type { GrafanaToGrade } from '../stack/grafana-target.js';
import type { TrafficOptions } from '../traffic/options.js';
import type { Step } from './runner.js';
import { smokeTeardown } from './teardown.js';
import { bringUp, type UpContext } from './up.js';

/** Smoke's context, built once by its page; the steps fill in what they found. */
export interface SmokeContext extends UpContext {
  traffic: TrafficOptions;
  waitMs: number;
  keep: boolean;
  /** A Grafana to write the reference solution into and grade: asked once, after up. */
  grafana: () => Promise<GrafanaToGrade>;
  solved?: string[];
  summary?: RunSummary;
}

type SmokeStep<K extends keyof SmokeContext, R> = Step<Pick<SmokeContext, K>, R>;

const up: SmokeStep<keyof UpContext, UpResult> = {
  name: 'up',
  run: bringUp,
  report: (r) => ({
    outcome: 'ok',
    detail: r.alreadyUp ? `the ${r.backend} stack was already up` : `${r.backend} (${r.reason})`,
  }),
};

const traffic: SmokeStep<'session' | 'spinner' | 'traffic', TrafficResult> = {
  name: 'traffic',
  run: (ctx) => trafficPhase(ctx.session, ctx.traffic, { spinner: ctx.spinner }),
  report: (r) => ({
    outcome: r.interrupted ? 'interrupted' : r.webappGone ? 'failed' : 'ok',
    detail: `${r.summary.mode}: ${r.summary.totalRequests} requests in ${r.summary.wallSeconds.toFixed(1)} s${r.webappGone ? `; ${r.webappGone}` : ''}`,
  }),
  stopsOn: (r) => (r.webappGone ? webappGoneError(r, r.summary.baseUrl) : undefined),
};

/** Exercise 2's reference solution, where there is a Grafana; a failure (a wrong password) is in the table. */
const solve: SmokeStep<'session' | 'grafana' | 'solved', string[]> = {
  name: 'solve',
  async when(ctx) {
    const there = await ctx.grafana();
    return (
      there.grade || {
        skip: `no Grafana in the ${there.backend} backend, and none answers at ${ctx.session.grafana.url}`,
      }
    );
  },
  run: async (ctx) => (ctx.solved = await solvePhase(ctx.session, { undo: false })),
  report: (lines) => ({ outcome: 'ok', detail: `${lines.length} changes` }),
  mayFail: true,
};

const checks: SmokeStep<'session' | 'spinner' | 'waitMs' | 'grafana' | 'summary', RunSummary> = {
  name: 'checks',
  run: async (ctx) =>
    (ctx.summary = await checkPhase(ctx.session, {
      exercises: exercises().map((e) => e.definition.id),
      waitMs: ctx.waitMs,
      grafana: await ctx.grafana(),
      learnerWork: false,
      spinner: ctx.spinner,
    })),
  report: (s) => {
    const n = counts(s);
    return {
      outcome: n.failed + n.errors > 0 ? 'failed' : 'ok',
      detail: `${n.passed} passed, ${n.failed} failed, ${n.unchecked} unchecked, ${n.errors} errors`,
    };
  },
};

const undo: SmokeStep<'session' | 'solved', string[]> = {
  name: 'undo',
  when: (ctx) => ctx.solved !== undefined,
  run: (ctx) => solvePhase(ctx.session, { undo: true }),
  report: (lines) => ({ outcome: 'ok', detail: `${lines.length} removed` }),
  mayFail: true,
  cleanup: true,
};

/** Stops what smoke started, and says plainly when it leaves something running, and why. */
const down: SmokeStep<'session' | 'stack' | 'keep', DownResult> = {
  name: 'down',
  when: (ctx) => smokeTeardown(ctx.stack, ctx.keep),
  run: (ctx) => downPhase(ctx.session, { volumes: false }),
  report: (r) => ({ outcome: 'ok', detail: `stopped ${r.stopped.join(', ') || 'nothing'}` }),
  mayFail: true,
  cleanup: true,
};

/** The whole workshop end to end: up, traffic, (solve), checks, (undo), down. */
export const smokeSteps: readonly Step<SmokeContext, unknown>[] = [up, traffic, solve, checks, undo, down];
