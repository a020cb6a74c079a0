import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { StackError } from '../errors.js';
import { nodeExec } from '../exec.js';
import { statsdMappingFile, webappEntry } from '../paths.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { Progress } from '../ui/progress.js';
import { type BinaryName, binaries, findBinary } from './binaries.js';
import type { StackConfig } from './config.js';
import { ensurePrometheusInstalled, type InstallDeps } from './install.js';
import { logTail } from './log-tail.js';
import { type NativeService, nativePlan, nativePrometheusConfig, parseVersion } from './native-plan.js';
import { findPortHolder, isPortFree } from './ports.js';
import { isOurProcess, startDetached, stopProcess } from './processes.js';
import { readState, removeState, type StackState, writeState } from './state.js';
import { allTargetsUp } from './targets.js';
import { probeHttp, waitFor } from './wait.js';

export interface NativeUpOptions {
  config: StackConfig;
  allowInstall: boolean;
  timeoutMs: number;
  progress: Progress;
  installDeps: () => Promise<InstallDeps>;
  ctx: Pick<Context, 'env' | 'now' | 'sleep' | 'signal'>;
}

export type UpOutcome = { state: StackState; alreadyUp: boolean };

/** Starts the webapp, real Prometheus and node-exporter (plus Grafana and statsd_exporter when found) on loopback. */
export async function nativeUp(opts: NativeUpOptions): Promise<UpOutcome> {
  const { config, progress, ctx } = opts;
  const previous = await readState(config.stateDir);
  if (previous) {
    const alive = await aliveProcesses(previous);
    if (previous.backend === 'native' && alive.length === Object.keys(previous.processes).length) {
      return { state: previous, alreadyUp: true };
    }
    // A half-dead stack from an earlier run: clear it away before starting afresh.
    await stopAll(previous, ctx.sleep);
  }

  await ensurePrometheusInstalled(opts.allowInstall, await opts.installDeps());
  const bins = await locateBinaries(ctx.env);
  const unavailable: Record<string, string> = {
    cadvisor: 'cAdvisor reads Docker containers and runs only in the compose backend',
  };
  if (!bins.grafana) unavailable.grafana = `not installed: ${binaries.grafana.howToGet}`;
  if (!bins.statsd) unavailable.statsd = `not installed: ${binaries.statsd.howToGet}`;

  const plan = nativePlan({
    stateDir: config.stateDir,
    urls: config.urls,
    bins,
    nodeBin: process.execPath,
    webappEntry,
    statsdMapping: statsdMappingFile,
    grafanaHome: ctx.env.WORKSHOP_GRAFANA_HOME,
    prometheusVersion: parseVersion(
      (await nodeExec(bins.prometheus, ['--version'], { timeoutMs: 10_000 })).stdout,
    ),
  });
  await assertPortsFree(plan);

  const logs = path.join(config.stateDir, 'logs');
  await mkdir(logs, { recursive: true });
  await writeFile(path.join(config.stateDir, 'prometheus.yml'), nativePrometheusConfig(plan));
  const state: StackState = {
    backend: 'native',
    startedAt: new Date(ctx.now()).toISOString(),
    urls: config.urls,
    processes: {},
    unavailable,
  };
  try {
    for (const service of plan) {
      progress.start(`starting ${service.name}`);
      const log = path.join(logs, `${service.name}.log`);
      const started = await startDetached(service.spec, log).catch((error: Error) => {
        throw new StackError(`${service.name} did not start: ${error.message}`);
      });
      state.processes[service.name] = { ...started, port: service.port, log };
      // Recorded at once, so `down` can stop it even if this run is cut short.
      await writeState(config.stateDir, state);
    }
    for (const service of plan) {
      progress.start(`waiting for ${service.name} (${service.healthUrl})`);
      await waitFor(`${service.name}`, () => readyOrExited(service, state), {
        timeoutMs: opts.timeoutMs,
        ...ctx,
      });
    }
    progress.start('waiting for Prometheus to scrape every target');
    const prometheus = new PrometheusClient(
      `http://127.0.0.1:${plan.find((s) => s.name === 'prometheus')?.port}`,
    );
    const jobs = plan.length - (bins.grafana ? 1 : 0);
    await waitFor('Prometheus targets', () => allTargetsUp(prometheus, jobs), {
      timeoutMs: opts.timeoutMs,
      ...ctx,
    });
    progress.succeed(`native stack up: ${plan.map((s) => s.name).join(', ')}`);
    return { state, alreadyUp: false };
  } catch (error) {
    progress.fail('bringing the native stack up failed; stopping what was started');
    await stopAll(state, ctx.sleep);
    await removeState(config.stateDir);
    throw error;
  }
}

/** Stops exactly the processes `up` recorded (by PID and start time); `volumes` also deletes data and logs. */
export async function nativeDown(
  stateDir: string,
  volumes: boolean,
  sleep: (ms: number) => Promise<void>,
): Promise<string[]> {
  const state = await readState(stateDir);
  const stopped = state ? await stopAll(state, sleep) : [];
  await removeState(stateDir);
  if (volumes) await rm(stateDir, { recursive: true, force: true });
  return stopped;
}

async function stopAll(state: StackState, sleep: (ms: number) => Promise<void>): Promise<string[]> {
  const entries = Object.entries(state.processes).reverse();
  const results = await Promise.all(
    entries.map(
      async ([name, p]) =>
        [name, await stopProcess(p.pid, p.startTime, { timeoutMs: 10_000, sleep })] as const,
    ),
  );
  return results.filter(([, r]) => r !== 'not running').map(([name]) => name);
}

export async function aliveProcesses(state: StackState): Promise<string[]> {
  const alive = await Promise.all(
    Object.entries(state.processes).map(async ([name, p]) =>
      (await isOurProcess(p.pid, p.startTime)) ? name : '',
    ),
  );
  return alive.filter(Boolean);
}

async function readyOrExited(service: NativeService, state: StackState) {
  const p = state.processes[service.name];
  if (p && !(await isOurProcess(p.pid, p.startTime))) {
    const tail = await logTail(p.log);
    return {
      ok: false as const,
      fatal: true,
      reason: `exited during start-up; last lines of ${p.log}:\n${indent(tail)}`,
    };
  }
  return probeHttp(service.name, service.healthUrl);
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
        ? 'a system Prometheus service may hold it (`systemctl disable --now prometheus prometheus-node-exporter`), or set another port with the URL flags / WORKSHOP_*_URL'
        : 'stop that program, or move the service with the URL flags / WORKSHOP_*_URL',
    });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
