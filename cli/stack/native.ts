import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { InterruptedError, StackError, UsageError, WorkshopError } from '../errors.js';
import { ensureDir } from '../fs-safe.js';
import { cliEntry, statsdMappingFile, webappEntry } from '../paths.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { Spinner } from '../ui/spinner.js';
import { type BinaryName, binaries, findBinary } from './binaries.js';
import { kebab, moveServiceHint, type StackConfig, urlSettings } from './config.js';
import {
  freeLoopbackPort,
  gradingPrometheusArgs,
  prepareGradingData,
  promtoolBeside,
} from './grading-prometheus.js';
import { ensurePrometheusInstalled, type InstallDeps } from './install.js';
import { logTail } from './log-tail.js';
import {
  type NativeService,
  nativePlan,
  nativePrometheusConfig,
  nonLoopback,
  parseVersion,
  remoteFlushDeadlineSeconds,
  targetCount,
  withReporting,
} from './native-plan.js';
import { findPortHolder, isPortFree } from './ports.js';
import type { ProcessControl } from './processes.js';
import type { Reporting } from './progress-scrape.js';
import { removeState, type StackState, writeState } from './state.js';
import { allTargetsUp } from './targets.js';
import { probeHttp, waitFor } from './wait.js';

export interface NativeUpOptions {
  config: StackConfig;
  /** Who the progress is of, and where it is pushed (`--report-to`). */
  reporting: Reporting;
  allowInstall: boolean;
  timeoutMs: number;
  spinner: Spinner;
  installDeps: () => Promise<InstallDeps>;
  ctx: StackContext;
}

/** What the stack backends use of the context. */
export type StackContext = Pick<Context, 'env' | 'now' | 'sleep' | 'signal' | 'exec' | 'http' | 'processes'>;

export type UpOutcome = {
  state: StackState;
  alreadyUp: boolean;
  /** Started again because they had stopped, while the rest of the stack ran on. */
  restarted?: string[];
  /** Recreated to take a new learner name or --report-to, while the rest ran on (compose). */
  recreated?: string[];
  /** Prometheus reloaded its config to take a new learner name or --report-to (native, nothing restarted). */
  reloaded?: true;
};

/** Starts the webapp, real Prometheus and node-exporter (plus Grafana and statsd_exporter when found) on loopback. */
export async function nativeUp(opts: NativeUpOptions, previous: StackState | undefined): Promise<UpOutcome> {
  const { config, spinner, ctx } = opts;
  // What still runs of an earlier `up` keeps running (the webapp's counters, Prometheus's data).
  let kept: StackState['processes'] = {};
  if (previous) {
    const alive = await aliveProcesses(previous, ctx.processes);
    if (previous.backend === 'native' && alive.length === Object.keys(previous.processes).length) {
      const reloaded = await applyReporting(config.stateDir, previous, opts.reporting, ctx);
      return { state: previous, alreadyUp: true, ...(reloaded ? { reloaded } : {}) };
    }
    if (previous.backend === 'native' && sameUrls(previous.urls, config.urls))
      kept = Object.fromEntries(Object.entries(previous.processes).filter(([name]) => alive.includes(name)));
  }

  const elsewhere = nonLoopback(config.urls, ['webapp', 'prometheus', 'node-exporter'])[0];
  if (elsewhere) {
    const { flag, env } = urlSettings[elsewhere.service];
    throw new UsageError(
      `--${kebab(flag)}: ${elsewhere.message}`,
      `or ${env}; use --backend compose for Docker, or drop the flag`,
    );
  }
  await ensurePrometheusInstalled(opts.allowInstall, await opts.installDeps());
  const bins = await locateBinaries(ctx.env);
  const unavailable = nativeUnavailable(bins);

  const plan = nativePlan({
    stateDir: config.stateDir,
    urls: config.urls,
    bins,
    nodeBin: process.execPath,
    webappEntry,
    cliEntry,
    statsdMapping: statsdMappingFile,
    grafanaHome: ctx.env.WORKSHOP_GRAFANA_HOME,
    prometheusVersion: parseVersion(
      (await ctx.exec(bins.prometheus, ['--version'], { timeoutMs: 10_000 })).stdout,
    ),
  });
  // A stack planned otherwise now (Grafana installed since, say) is started afresh.
  if (Object.keys(kept).some((name) => name !== 'grading' && !plan.some((s) => s.name === name))) kept = {};
  const notKept = (st: StackState): StackState => ({
    ...st,
    processes: Object.fromEntries(Object.entries(st.processes).filter(([name]) => !kept[name])),
  });
  // A half-dead stack from an earlier run: what is not kept is cleared away.
  if (previous) await stopAll(notKept(previous), ctx);
  const toStart = plan.filter((s) => !kept[s.name]);
  await assertPortsFree(toStart);

  const logs = path.join(config.stateDir, 'logs');
  await ensureDir(logs);
  const queryLog = path.join(config.stateDir, 'queries.log');
  const state: StackState = {
    backend: 'native',
    startedAt: new Date(ctx.now()).toISOString(),
    urls: config.urls,
    processes: { ...kept },
    unavailable,
    queryLog: { kind: 'file', path: queryLog },
    ...(kept.grading && previous?.grading ? { grading: previous.grading } : {}),
  };
  if (kept.prometheus && previous) await applyReporting(config.stateDir, state, opts.reporting, ctx);
  else
    await writeFile(
      path.join(config.stateDir, 'prometheus.yml'),
      nativePrometheusConfig(plan, { queryLogFile: queryLog, ...opts.reporting }),
    );
  try {
    for (const service of toStart) {
      spinner.start(`starting ${service.name}`);
      const log = path.join(logs, `${service.name}.log`);
      const started = await ctx.processes.start(service.spec, log).catch((error: Error) => {
        throw new StackError(`${service.name} did not start: ${error.message}`);
      });
      state.processes[service.name] = { ...started, port: service.port, log };
      // Recorded at once, so `down` can stop it even if this run is cut short.
      await writeState(config.stateDir, state);
    }
    for (const service of plan) {
      spinner.start(`waiting for ${service.name} (${service.healthUrl})`);
      await waitFor(`${service.name}`, () => readyOrExited(service, state, ctx), {
        timeoutMs: opts.timeoutMs,
        ...ctx,
      });
    }
    // The grading Prometheus serves fixed data: one that still runs is kept like the rest.
    if (!state.grading)
      await startGrading(bins.prometheus, config.stateDir, logs, state, ctx, opts.timeoutMs);
    spinner.start('waiting for Prometheus to scrape every target');
    const prometheus = new PrometheusClient(
      `http://127.0.0.1:${plan.find((s) => s.name === 'prometheus')?.port}`,
      { http: ctx.http },
    );
    await waitFor('Prometheus targets', () => allTargetsUp(prometheus, targetCount(plan)), {
      timeoutMs: opts.timeoutMs,
      ...ctx,
    });
    await confirmQueryLog(prometheus, state, spinner);
    await writeState(config.stateDir, state);
    const restarted = Object.keys(kept).length ? toStart.map((s) => s.name) : undefined;
    spinner.succeed(
      restarted
        ? `native stack up: restarted ${restarted.join(', ')}; ${Object.keys(kept).join(', ')} ran on`
        : `native stack up: ${plan.map((s) => s.name).join(', ')}`,
    );
    return { state, alreadyUp: false, ...(restarted ? { restarted } : {}) };
  } catch (error) {
    spinner.fail(
      ctx.signal.aborted
        ? 'interrupted; stopping what was started'
        : 'bringing the native stack up failed; stopping what was started',
    );
    // Only what this run started: what ran before it keeps running, and stays recorded.
    const stopped = await stopAll(notKept(state), ctx);
    if (Object.keys(kept).length) await writeState(config.stateDir, { ...state, processes: kept });
    else await removeState(config.stateDir);
    const failure = ctx.signal.aborted
      ? new InterruptedError('interrupted while the native stack was starting')
      : error;
    if (failure instanceof WorkshopError && stopped.length)
      failure.cleanup = `stopped ${stopped.join(', ')} again, which it had started`;
    throw failure;
  }
}

/** Only the same URLs (ports) may keep the processes that still run. */
function sameUrls(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/**
 * The grading Prometheus: the shipped dataset turned into blocks by promtool, served by a second,
 * private Prometheus on a free loopback port (recorded in the state, stopped by `down`).
 */
async function startGrading(
  prometheusBin: string,
  stateDir: string,
  logs: string,
  state: StackState,
  ctx: StackContext,
  timeoutMs: number,
): Promise<void> {
  const dir = path.join(stateDir, 'grading');
  await prepareGradingData(ctx.exec, promtoolBeside(prometheusBin), dir);
  const port = await freeLoopbackPort();
  const log = path.join(logs, 'grading.log');
  const started = await ctx.processes.start(
    { command: prometheusBin, args: gradingPrometheusArgs(dir, port) },
    log,
  );
  state.processes.grading = { ...started, port, log };
  state.grading = { url: `http://127.0.0.1:${port}` };
  await writeState(stateDir, state);
  await waitFor(
    'the grading Prometheus',
    () => probeHttp(ctx.http, 'grading', `${state.grading?.url}/-/ready`),
    {
      timeoutMs,
      ...ctx,
    },
  );
}

/** Dropping a remote_write to an unreachable instructor: both flush deadlines, and time to load. */
const reloadTimeoutMs = (2 * remoteFlushDeadlineSeconds + 10) * 1000;

/**
 * A stack that is already up takes a new learner name or `--report-to` without a restart: its
 * Prometheus config gets the new external label and remote_write, then a reload.
 */
async function applyReporting(
  stateDir: string,
  state: StackState,
  reporting: Reporting,
  ctx: StackContext,
): Promise<true | undefined> {
  const file = path.join(stateDir, 'prometheus.yml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const next = withReporting(text, reporting);
  if (next === text) return;
  await writeFile(file, next);
  const url = state.urls.prometheus;
  const r = url
    ? await ctx.http('Prometheus', `${url}/-/reload`, { method: 'POST', timeoutMs: reloadTimeoutMs })
    : undefined;
  if (r && r.status !== 200)
    throw new StackError(`Prometheus did not reload ${file} (${r.status}): ${r.text.trim()}`);
  return true;
}

/**
 * Prometheus says whether its query log is on (`prometheus_engine_query_log_enabled`). When it is
 * not, the stack still works, but Exercise 1 cannot be graded from what the learner ran: say so.
 */
export async function confirmQueryLog(
  prometheus: PrometheusClient,
  state: StackState,
  spinner: Spinner,
): Promise<void> {
  const on = await prometheus.query('prometheus_engine_query_log_enabled').then(
    (r) => r.data.resultType === 'vector' && r.data.result.some((s) => s.value[1] === '1'),
    () => false,
  );
  if (on) return;
  delete state.queryLog;
  state.unavailable.querylog =
    'Prometheus does not write its query log (prometheus_engine_query_log_enabled is not 1): set global.query_log_file in prometheus.yml and reload';
  spinner.info(`warning: ${state.unavailable.querylog}`);
}

/** Stops exactly the processes `up` recorded (by PID and start time). */
export async function nativeDown(
  stateDir: string,
  state: StackState | undefined,
  ctx: Pick<StackContext, 'processes' | 'sleep'>,
): Promise<string[]> {
  const stopped = state ? await stopAll(state, ctx) : [];
  await removeState(stateDir);
  return stopped;
}

export async function stopAll(
  state: StackState,
  ctx: Pick<StackContext, 'processes' | 'sleep'>,
): Promise<string[]> {
  const entries = Object.entries(state.processes).reverse();
  const sleep = (ms: number) => ctx.sleep(ms);
  const results = await Promise.all(
    entries.map(
      async ([name, p]) =>
        [name, await ctx.processes.stop(p.pid, p.startTime, { timeoutMs: 10_000, sleep })] as const,
    ),
  );
  return results.filter(([, r]) => r !== 'not running').map(([name]) => name);
}

export async function aliveProcesses(state: StackState, processes: ProcessControl): Promise<string[]> {
  const alive = await Promise.all(
    Object.entries(state.processes).map(async ([name, p]) =>
      (await processes.isOurs(p.pid, p.startTime)) ? name : '',
    ),
  );
  return alive.filter(Boolean);
}

async function readyOrExited(service: NativeService, state: StackState, ctx: StackContext) {
  const p = state.processes[service.name];
  if (p && !(await ctx.processes.isOurs(p.pid, p.startTime))) {
    const tail = await logTail(p.log);
    return {
      ok: false as const,
      fatal: true,
      reason: `exited during start-up; last lines of ${p.log}:\n${indent(tail)}`,
    };
  }
  return probeHttp(ctx.http, service.name, service.healthUrl);
}

/** The services the native backend cannot run on this machine, and why. */
export function nativeUnavailable(bins: { grafana: string | undefined; statsd: string | undefined }) {
  const unavailable: Record<string, string> = {
    cadvisor: 'cAdvisor reads Docker containers and runs only in the compose backend',
  };
  if (!bins.grafana) unavailable.grafana = `not installed: ${binaries.grafana.howToGet}`;
  if (!bins.statsd) unavailable.statsd = `not installed: ${binaries.statsd.howToGet}`;
  return unavailable;
}

/** What the native backend would not run here, without starting anything (for `status` with no stack). */
export async function nativeUnavailableHere(env: NodeJS.ProcessEnv) {
  const [grafana, statsd] = await Promise.all([findBinary('grafana', env), findBinary('statsd', env)]);
  return nativeUnavailable({ grafana, statsd });
}

async function locateBinaries(env: NodeJS.ProcessEnv) {
  const find = (name: BinaryName) => findBinary(name, env);
  const [prometheus, nodeExporter, grafana, statsd] = await Promise.all([
    find('prometheus'),
    find('node-exporter'),
    find('grafana'),
    find('statsd'),
  ]);
  if (!prometheus || !nodeExporter) {
    const which = !prometheus ? 'prometheus' : 'node-exporter';
    throw new StackError(`${which} was not found`, { hint: binaries[which].howToGet });
  }
  return { prometheus, nodeExporter, grafana, statsd };
}

async function assertPortsFree(plan: NativeService[]): Promise<void> {
  for (const service of plan) {
    if (await isPortFree(service.port)) continue;
    const holder = await findPortHolder(service.port);
    const who = holder ? ` by ${holder.command} (pid ${holder.pid})` : '';
    throw new StackError(`port ${service.port} (${service.name}) is already taken${who}`, {
      hint: holder?.command.includes('prometheus')
        ? `a system Prometheus service may hold it (\`systemctl disable --now prometheus prometheus-node-exporter\`), or ${moveServiceHint(service.name, service.port)}`
        : `stop that program, or ${moveServiceHint(service.name, service.port)}`,
    });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
