import path from 'node:path';
import type { Context } from '../context.js';
import { StackError } from '../errors.js';
import { ensureDir } from '../fs-safe.js';
import { binaries, findBinary } from '../stack/binaries.js';
import { composeCommand, dockerEngineAnswers, findCompose } from '../stack/compose.js';
import { resolveStackConfig } from '../stack/config.js';
import { stopAll } from '../stack/native.js';
import { isPortFree } from '../stack/ports.js';
import { readState, removeState, type StackState, writeState } from '../stack/state.js';
import { probeHttp, waitFor } from '../stack/wait.js';
import { classGrafanaPort, writeClassCompose } from './class-compose.js';
import type { ClassFile } from './class-dir.js';

/** The instructor's Prometheus listens here by default: the learner's own is on 9090. */
export const classPrometheusPort = 9095;

export interface ClassUpOptions {
  backend: 'auto' | 'native' | 'compose';
  dir: string;
  /** What `class init` wrote there. */
  cls: ClassFile;
  host: string;
  port: number;
  timeoutMs: number;
}

/**
 * Runs the instructor's Prometheus from the class folder: the federation job, and the
 * remote-write receiver for learners who push (`workshop up --report-to`).
 */
export async function classUp(
  ctx: Context,
  opts: ClassUpOptions,
): Promise<{ url: string; grafana?: string; alreadyUp: boolean; backend: 'native' | 'compose' }> {
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostPart}:${opts.port}`;
  const previous = await readState(opts.dir);
  const p = previous?.processes.prometheus;
  if (p && (await ctx.processes.isOurs(p.pid, p.startTime)))
    return { url: previous.urls.prometheus ?? url, alreadyUp: true, backend: 'native' };
  const backend =
    opts.backend === 'auto'
      ? (await dockerEngineAnswers(ctx.exec)) && !('missing' in (await findCompose(ctx.exec)))
        ? 'compose'
        : 'native'
      : opts.backend;
  if (backend === 'compose') {
    const compose = await classCompose(ctx, opts.dir);
    await writeClassCompose(opts.dir, opts.cls, opts);
    const wait = String(Math.ceil(opts.timeoutMs / 1000));
    const r = await compose(['up', '-d', '--wait', '--wait-timeout', wait], opts.timeoutMs + 600_000);
    if (r.exitCode !== 0) throw new StackError(`docker compose up failed for the class:\n${r.stderr.trim()}`);
    const grafana = `http://${hostPart}:${classGrafanaPort}`;
    await writeState(opts.dir, {
      backend: 'compose',
      startedAt: new Date(ctx.now()).toISOString(),
      urls: { prometheus: url, grafana },
      processes: {},
      unavailable: {},
    });
    return { url, grafana, alreadyUp: false, backend };
  }
  const bin = await findBinary('prometheus', ctx.env);
  if (!bin) throw new StackError('prometheus was not found', { hint: binaries.prometheus.howToGet });
  if (!(await isPortFree(opts.port)))
    throw new StackError(`port ${opts.port} is already taken`, { hint: 'choose another with --port' });
  const logs = path.join(opts.dir, 'logs');
  await ensureDir(logs);
  const log = path.join(logs, 'prometheus.log');
  const started = await ctx.processes.start(
    {
      command: bin,
      args: [
        `--config.file=${path.resolve(opts.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.resolve(opts.dir, 'data')}`,
        `--web.listen-address=${opts.host}:${opts.port}`,
        '--web.enable-lifecycle',
        '--web.enable-remote-write-receiver',
      ],
    },
    log,
  );
  const state: StackState = {
    backend: 'native',
    startedAt: new Date(ctx.now()).toISOString(),
    urls: { prometheus: url },
    processes: { prometheus: { ...started, port: opts.port, log } },
    unavailable: {},
  };
  await writeState(opts.dir, state);
  try {
    await waitFor(
      'the class Prometheus',
      async () => {
        if (!(await ctx.processes.isOurs(started.pid, started.startTime)))
          return { ok: false, fatal: true, reason: `it exited; see ${log}` };
        return probeHttp(ctx.http, 'Prometheus', `${url}/-/ready`);
      },
      { timeoutMs: opts.timeoutMs, now: ctx.now, sleep: ctx.sleep, signal: ctx.signal },
    );
  } catch (error) {
    await stopAll(state, ctx);
    await removeState(opts.dir);
    throw error;
  }
  return { url, alreadyUp: false, backend };
}

/** `docker compose` on the class folder's compose file. */
async function classCompose(ctx: Context, dir: string) {
  const { command, prefix } = await composeCommand(ctx.exec);
  const file = path.resolve(dir, 'docker-compose.yml');
  return (args: string[], timeoutMs = 120_000) =>
    ctx.exec(command, [...prefix, '--file', file, '--project-directory', path.resolve(dir), ...args], {
      timeoutMs,
    });
}

export async function classDown(ctx: Context, dir: string): Promise<string[]> {
  const state = await readState(dir);
  if (!state) return [];
  if (state.backend === 'compose') {
    const r = await (await classCompose(ctx, dir))(['down']);
    if (r.exitCode !== 0)
      throw new StackError(`docker compose down failed for the class: ${r.stderr.trim()}`);
    await removeState(dir);
    return ['prometheus', 'grafana'];
  }
  const stopped = await stopAll(state, ctx);
  await removeState(dir);
  return stopped;
}

/** The class Prometheus's URL: the flag, else what `class up` recorded, else the default port. */
export async function classPrometheusUrl(dir: string, flag?: string): Promise<string> {
  // Checked as every --prometheus-url is (http(s), a valid port, no login): exit 2, never a fetch error.
  if (flag !== undefined) return resolveStackConfig({ prometheusUrl: flag }, {}, dir).urls.prometheus;
  return (await readState(dir))?.urls.prometheus ?? `http://127.0.0.1:${classPrometheusPort}`;
}
