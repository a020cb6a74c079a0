import type { Context } from '../context.js';
import type { LearnerGrader } from '../learner/learner-grader.js';
import { probeHttp } from '../stack/wait.js';
import type { WatchScreen } from './screen.js';

/** How often the query log is looked at: a new query shows within a second. */
const logPollMs = 250;
/** How often Grafana is graded again: a saved dashboard shows within five seconds. */
const grafanaPollMs = 3_000;
/** How often Prometheus is asked whether it is there (with as long to answer): a dead one shows within 2 s. */
const prometheusProbeMs = 800;

export interface GradingLoop {
  grader: LearnerGrader;
  screen: WatchScreen;
  /** The exercises watched, in order. */
  chosen: string[];
  urls: { prometheus: string; grafana: string };
  /** Aborted by Ctrl-C / SIGTERM, or by a key. */
  stop: AbortSignal;
}

/**
 * When `watch` grades again: Exercise 1 as soon as the query log grows, Exercise 2 every few
 * seconds; while Prometheus does not answer, nothing (the passes shown are kept), and all of it
 * again when it is back. Runs until `stop`.
 */
export async function gradeUntilStopped(ctx: Pick<Context, 'now' | 'sleep' | 'http'>, loop: GradingLoop) {
  const { grader, screen, chosen, urls, stop } = loop;
  const watchesGrafana = chosen.includes('exercise-2');
  const status = () =>
    grader.hasQueryLog()
      ? `watching ${urls.prometheus}'s query log${watchesGrafana ? ` and ${urls.grafana}` : ''}`
      : 'no query log of this Prometheus is known: `workshop up` starts one that writes it';
  const results = new Map<string, NonNullable<Awaited<ReturnType<LearnerGrader['grade']>>>>();
  const update = async (which: 'exercise-1' | 'exercise-2' | 'all') => {
    for (const id of chosen) {
      if (which !== 'all' && which !== id) continue;
      const result = await grader.grade(id);
      if (result) results.set(id, result);
    }
    screen.show(
      chosen.flatMap((id) => results.get(id) ?? []),
      status(),
    );
  };
  // A Grafana that answered and then stops (the learner's own, a container): its checks keep
  // their last answer under a banner, instead of turning into "no Grafana" or errors.
  let grafanaSeen = false;
  let grafanaDown = false;
  const grafanaAnswers = async () => {
    const ok = (await probeHttp(ctx.http, 'Grafana', `${urls.grafana}/api/health`, 1_000)).ok;
    grafanaSeen ||= ok;
    return ok || !grafanaSeen;
  };
  screen.open(status());
  if (watchesGrafana) await grafanaAnswers();
  await update('all');
  let lastGrafana = ctx.now();
  let lastProbe = ctx.now();
  let down = false;
  while (!stop.aborted) {
    await ctx.sleep(logPollMs, stop).catch(() => undefined);
    if (stop.aborted) break;
    if (ctx.now() - lastProbe >= prometheusProbeMs) {
      lastProbe = ctx.now();
      const answers = (
        await probeHttp(ctx.http, 'Prometheus', `${urls.prometheus}/-/ready`, prometheusProbeMs)
      ).ok;
      if (answers === down) {
        down = !answers;
        if (answers) {
          screen.problem('prometheus', undefined, `Prometheus at ${urls.prometheus} answers again`);
          await update('all');
        } else
          screen.problem(
            'prometheus',
            `Prometheus at ${urls.prometheus} does not answer; your passes are kept`,
          );
        continue;
      }
    }
    if (down) continue;
    if (await grader.logChanged().catch(() => false)) await update('exercise-1');
    if (ctx.now() - lastGrafana >= grafanaPollMs && watchesGrafana) {
      lastGrafana = ctx.now();
      const answers = await grafanaAnswers();
      if (answers === grafanaDown) {
        grafanaDown = !answers;
        screen.problem(
          'grafana',
          answers ? undefined : `Grafana at ${urls.grafana} does not answer; its checks show its last answer`,
          `Grafana at ${urls.grafana} answers again`,
        );
      }
      if (answers) await update('exercise-2');
    }
  }
}
