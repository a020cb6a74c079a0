import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exercise2 } from '../../exercises/exercise-2/exercise.js';
import { loadExercises } from '../../exercises/index.js';
import { loadAnswers } from '../checks/answers.js';
import type { ExerciseResult, RunSummary } from '../checks/results.js';
import { everyCheck, exitCodeFor } from '../checks/results.js';
import { runPromqlExercise } from '../checks/run-checks.js';
import type { Exercise } from '../checks/schema.js';
import type { Context } from '../context.js';
import { UpstreamError, UsageError } from '../errors.js';
import { GrafanaClient } from '../grafana/client.js';
import { runGrafanaExercise } from '../grafana/run-exercise.js';
import { PrometheusClient } from '../prometheus/client.js';
import { renderHuman } from '../reporters/human.js';
import { renderJson } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';
import type { StackConfig, StackFlags } from '../stack/config.js';
import { scrapeIntervalSeconds } from '../stack/services.js';
import { readState } from '../stack/state.js';
import { readLedgers } from '../traffic/ledger.js';
import { createProgress, type Progress } from '../ui/progress.js';
import { parseSeconds } from './parse.js';
import { addStackOptions, stackConfigFrom } from './stack-options.js';

interface CheckFlags extends StackFlags {
  answers?: string;
  grafanaUser?: string;
  grafanaPassword?: string;
  wait: number;
  json?: boolean;
  junit?: string;
  run?: string;
}

export function registerCheck(program: Command, ctx: Context): void {
  addGrafanaOptions(
    addStackOptions(
      program
        .command('check')
        .description('run the exercise checks against your stack (all exercises when none is named)')
        .argument('[exercises...]', 'exercise ids, e.g. exercise-1')
        .option('--answers <file>', 'grade your own queries: a JSON or YAML file mapping check ids to PromQL')
        .option('--wait <seconds>', 'how long checks that are "not yet" ready are retried', parseSeconds, 60)
        .option('--run <regex>', 'only the checks whose id matches')
        .option('--json', 'print only a JSON document on stdout')
        .option('--junit <file>', 'also write a JUnit XML report'),
    ),
  ).action((ids: string[], flags: CheckFlags) => check(ctx, ids, flags));
}

/** Grafana credentials: flag, then env, then the workshop's admin / foobar. Never printed. */
export function addGrafanaOptions(cmd: Command): Command {
  return cmd
    .option('--grafana-user <user>', 'Grafana user (env WORKSHOP_GRAFANA_USER, default admin)')
    .option(
      '--grafana-password <password>',
      'Grafana password (env WORKSHOP_GRAFANA_PASSWORD, default foobar)',
    );
}

export async function check(ctx: Context, ids: string[], flags: CheckFlags): Promise<void> {
  const summary = await runChecks(ctx, ids, flags);
  ctx.stdout.write(flags.json ? renderJson(summary) : renderHuman(summary, ctx.color));
  if (flags.junit) await writeFile(path.resolve(ctx.cwd, flags.junit), renderJunit(summary));
  ctx.exitCode = exitCodeFor(summary);
}

/** The check phase as a value, so `smoke` and `preflight` can run it too. */
export async function runChecks(ctx: Context, ids: string[], flags: CheckFlags): Promise<RunSummary> {
  const promql = loadExercises();
  const known = [...promql.map((e) => e.id), exercise2.id];
  const chosen = selectExercises(known, ids);
  const only = compileFilter(flags.run);
  const answers = flags.answers
    ? await loadAnswers(
        path.resolve(ctx.cwd, flags.answers),
        promql.flatMap((e) => e.checks.map((c) => c.id)),
      )
    : undefined;
  const config = await stackConfigFrom(flags, ctx);
  const api = new PrometheusClient(config.urls.prometheus, { timeoutMs: 5_000, signal: ctx.signal });
  const progress = createProgress({ stream: ctx.stderr, isTTY: ctx.isTTY, quiet: Boolean(flags.json) });
  const startedAt = ctx.now();
  const exercises: ExerciseResult[] = [];
  for (const id of chosen) {
    const ex = promql.find((e) => e.id === id);
    progress.start(`${id}: checking against ${ex ? config.urls.prometheus : config.urls.grafana}`);
    try {
      exercises.push(
        ex
          ? await runPromql(ctx, ex, api, config.stateDir, flags, progress, only, answers)
          : await runGrafana(ctx, api, config, flags, only),
      );
    } finally {
      progress.stop();
    }
  }
  return { exercises, startedAt, durationMs: ctx.now() - startedAt };
}

async function runPromql(
  ctx: Context,
  ex: Exercise,
  api: PrometheusClient,
  stateDir: string,
  flags: CheckFlags,
  progress: Progress,
  only: ((id: string) => boolean) | undefined,
  answers: Record<string, string> | undefined,
): Promise<ExerciseResult> {
  const { ledgers } = await readLedgers(stateDir);
  let finished = 0;
  const total = ex.checks.filter((c) => only?.(c.id) ?? true).length;
  try {
    return await runPromqlExercise(
      ex,
      {
        api,
        ledgers: ledgers.map((l) => l.ledger),
        now: ctx.now,
        sleep: ctx.sleep,
        signal: ctx.signal,
        onEvent: (e) => {
          if (e.type === 'end') progress.update(`${ex.id}: ${++finished}/${total} checked`);
          if (e.type === 'retry')
            progress.update(`${ex.id}: ${finished}/${total} checked; ${e.id} not yet: ${e.reason}`);
        },
      },
      {
        waitMs: flags.wait * 1000,
        scrapeIntervalSeconds,
        ...(answers ? { answers } : {}),
        ...(only ? { only } : {}),
      },
    );
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    // Prometheus unreachable: every check of the exercise is an error, said once, exit 3.
    return everyCheck(ex, only, 'error', error.message);
  }
}

async function runGrafana(
  ctx: Context,
  prom: PrometheusClient,
  config: StackConfig,
  flags: CheckFlags,
  only: ((id: string) => boolean) | undefined,
): Promise<ExerciseResult> {
  const state = await readState(config.stateDir);
  const unavailable = state?.unavailable.grafana;
  // A backend without Grafana skips exercise 2, unless the user named a Grafana to check.
  if (unavailable && flags.grafanaUrl === undefined && !ctx.env.WORKSHOP_GRAFANA_URL) {
    const message = `no Grafana in the ${state.backend} backend (${unavailable}); point --grafana-url at one to check it`;
    return everyCheck(exercise2, only, 'skip', message);
  }
  const client = new GrafanaClient(config.urls.grafana, grafanaCredentials(flags, ctx.env), {
    timeoutMs: 10_000,
    signal: ctx.signal,
  });
  return runGrafanaExercise(
    exercise2,
    {
      client,
      prom,
      env: { backend: state?.backend ?? 'unknown', prometheusUrl: config.urls.prometheus },
      now: ctx.now,
    },
    only,
  );
}

export function grafanaCredentials(
  flags: Pick<CheckFlags, 'grafanaUser' | 'grafanaPassword'>,
  env: NodeJS.ProcessEnv,
) {
  return {
    user: flags.grafanaUser ?? env.WORKSHOP_GRAFANA_USER ?? 'admin',
    password: flags.grafanaPassword ?? env.WORKSHOP_GRAFANA_PASSWORD ?? 'foobar',
  };
}

function selectExercises(known: string[], ids: string[]): string[] {
  if (ids.length === 0) return known;
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length)
    throw new UsageError(`unknown exercise ${unknown.join(', ')}`, `choose from: ${known.join(', ')}`);
  return known.filter((id) => ids.includes(id));
}

function compileFilter(pattern: string | undefined): ((id: string) => boolean) | undefined {
  if (!pattern) return undefined;
  try {
    const re = new RegExp(pattern);
    return (id) => re.test(id);
  } catch (error) {
    throw new UsageError(`--run: ${(error as Error).message}`);
  }
}
