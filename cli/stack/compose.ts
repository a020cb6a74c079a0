import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { InterruptedError, StackError } from '../errors.js';
import type { Exec } from '../exec.js';
import { writeAtomic } from '../fs-safe.js';
import { writeGradingDataset } from '../grading/dataset/grading-prometheus.js';
import type { HttpClient } from '../http/fetch-json.js';
import { composePrometheusConfig, projectRoot } from '../paths.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { Progress } from '../ui/progress.js';
import type { StackConfig } from './config.js';
import { confirmQueryLog, type UpOutcome } from './native.js';
import { type Reporting, withProgressRemoteWrite } from './progress-scrape.js';
import { serviceNames } from './services.js';
import { removeState, type StackState, writeState } from './state.js';

/** True when a Docker engine answers (the client alone is not enough). */
export async function dockerEngineAnswers(exec: Exec): Promise<boolean> {
  const r = await exec('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 5_000 });
  return r.exitCode === 0 && r.stdout.trim() !== '';
}

export interface ComposeCli {
  command: string;
  prefix: string[];
  version: string;
}

/** What to install when there is no Compose v2: said the same way by `up`, `preflight` and `auto`. */
export const composeV2Hint =
  "install Docker Compose v2 (the docker-compose-plugin package from Docker's apt repository, docker-compose-v2 on Ubuntu, or Docker Desktop; https://docs.docker.com/compose/install/), or use --backend native";

/** The major version of `compose version --short` output ("2.39.1", "v2.39.1", "1.29.2"). */
export function composeMajor(version: string): number | undefined {
  const m = version.trim().match(/^v?(\d+)\./);
  return m ? Number(m[1]) : undefined;
}

/**
 * Compose v2 (`docker compose`, or a standalone `docker-compose` 2.x), or why there is none.
 * v1 (Debian 12's docker-compose 1.29) rejects the file's top-level `name` and exits 0 on the
 * unknown `--wait` without starting anything, so it is refused up front.
 */
export async function findCompose(exec: Exec): Promise<ComposeCli | { missing: string }> {
  const plugin = await exec('docker', ['compose', 'version', '--short'], { timeoutMs: 10_000 });
  if (plugin.exitCode === 0 && (composeMajor(plugin.stdout) ?? 0) >= 2)
    return { command: 'docker', prefix: ['compose'], version: plugin.stdout.trim() };
  const standalone = await exec('docker-compose', ['version', '--short'], { timeoutMs: 10_000 });
  const major = standalone.exitCode === 0 ? composeMajor(standalone.stdout) : undefined;
  if (major !== undefined && major >= 2)
    return { command: 'docker-compose', prefix: [], version: standalone.stdout.trim() };
  if (major !== undefined)
    return {
      missing: `only Docker Compose v1 (docker-compose ${standalone.stdout.trim()}) is installed, which cannot run this stack (it rejects the file's \`name\` and ignores \`--wait\`)`,
    };
  return {
    missing: 'Docker Compose v2 is not installed (neither `docker compose` nor `docker-compose` answers)',
  };
}

/** Compose v2, or a StackError (exit 3) that says what to install. */
export async function composeCommand(exec: Exec): Promise<ComposeCli> {
  const found = await findCompose(exec);
  if ('missing' in found) throw new StackError(found.missing, { hint: composeV2Hint });
  return found;
}

const psEntry = z.object({
  Service: z.string(),
  State: z.string(),
  Health: z.string().optional().default(''),
});
export type ComposePsEntry = z.infer<typeof psEntry>;

/** `compose ps --format json` prints a JSON array (older v2) or one object per line (newer). */
export function parseComposePs(stdout: string): ComposePsEntry[] {
  const text = stdout.trim();
  if (!text) return [];
  const items: unknown[] = text.startsWith('[')
    ? JSON.parse(text)
    : text.split('\n').map((l) => JSON.parse(l));
  return items.map((i) => psEntry.parse(i));
}

export function unhealthyServices(entries: ComposePsEntry[]): string[] {
  const bad = entries.filter((e) => e.State !== 'running' || (e.Health !== '' && e.Health !== 'healthy'));
  const missing = serviceNames.filter((n) => !entries.some((e) => e.Service === n));
  return [...bad.map((e) => e.Service), ...missing];
}

/**
 * What the compose file is given: the learner's name (the progress exporter's, and Prometheus's
 * external label `learner`, which Prometheus 3 expands from the environment), and, with
 * `--report-to`, a Prometheus config generated into the state dir with the remote_write added.
 */
export async function composeEnv(stateDir: string, reporting: Reporting): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    WORKSHOP_LEARNER: reporting.learner,
    WORKSHOP_GRADING_DIR: await writeGradingDataset(path.join(stateDir, 'grading')),
  };
  if (reporting.reportTo) {
    const config = parse(await readFile(composePrometheusConfig, 'utf8')) as Record<string, unknown>;
    const file = path.join(stateDir, 'prometheus-compose.yml');
    // Inside the container the password file is where docker-compose.yml mounts it.
    const auth = reporting.reportAuth;
    const inContainer = auth ? { ...auth, passwordFile: composeReportSecret } : undefined;
    await writeAtomic(
      file,
      stringify(withProgressRemoteWrite(config, { reportTo: reporting.reportTo, reportAuth: inContainer })),
    );
    env.WORKSHOP_PROMETHEUS_CONFIG = file;
    if (auth) env.WORKSHOP_REPORT_TO_SECRET = auth.passwordFile;
  }
  return env;
}

/** Where docker-compose.yml mounts the `--report-to` password file (WORKSHOP_REPORT_TO_SECRET). */
export const composeReportSecret = '/etc/prometheus/report-to.secret';

/** The grading service's published address (docker-compose.yml: loopback only). */
export const composeGradingUrl = 'http://127.0.0.1:9091';

/** stack/prometheus/prometheus.yml's query_log_file, in the prometheus container's data volume. */
export const composeQueryLog = '/prometheus/queries.log';

export interface ComposeOptions {
  exec: Exec;
  http: HttpClient;
  config: StackConfig;
  reporting: Reporting;
  progress: Progress;
  timeoutMs: number;
  now(): number;
  /** Ctrl-C: a docker compose cut short by it was interrupted, not failed. */
  signal?: AbortSignal;
}

export async function composeUp(opts: ComposeOptions): Promise<UpOutcome> {
  const compose = await composeRunner(opts.exec, await composeEnv(opts.config.stateDir, opts.reporting));
  const before = await compose.ps();
  const state: StackState = {
    backend: 'compose',
    startedAt: new Date(opts.now()).toISOString(),
    urls: opts.config.urls,
    processes: {},
    unavailable: {},
    queryLog: { kind: 'compose', path: composeQueryLog },
    grading: { url: composeGradingUrl },
  };
  const prometheus = new PrometheusClient(opts.config.urls.prometheus, { http: opts.http });
  if (before.length > 0 && unhealthyServices(before).length === 0) {
    await confirmQueryLog(prometheus, state, opts.progress);
    await writeState(opts.config.stateDir, state);
    return { state, alreadyUp: true };
  }
  opts.progress.start('docker compose up --wait (building the webapp image on first run)');
  const waitSeconds = String(Math.ceil(opts.timeoutMs / 1000));
  const up = await compose.run(
    ['up', '-d', '--wait', '--wait-timeout', waitSeconds],
    opts.timeoutMs + 600_000,
  );
  if (up.exitCode !== 0) {
    if (opts.signal?.aborted) {
      opts.progress.fail('interrupted: docker compose up was stopped');
      throw new InterruptedError('interrupted while docker compose up was running');
    }
    opts.progress.fail('docker compose up failed');
    throw new StackError(`docker compose up failed:\n${await compose.diagnose(up.stderr)}`, {
      hint: 'fix the service named above, then run `workshop up` again (`workshop down` cleans up)',
    });
  }
  await confirmQueryLog(prometheus, state, opts.progress);
  await writeState(opts.config.stateDir, state);
  opts.progress.succeed('compose stack up and healthy');
  return { state, alreadyUp: false };
}

export async function composeDown(exec: Exec, stateDir: string, volumes: boolean): Promise<void> {
  const compose = await composeRunner(exec);
  const r = await compose.run(['down', ...(volumes ? ['--volumes'] : [])], 120_000);
  if (r.exitCode !== 0) throw new StackError(`docker compose down failed: ${r.stderr.trim()}`);
  await removeState(stateDir);
}

/** `env`: the variables the compose file reads (the learner's name, a generated Prometheus config). */
export async function composeRunner(exec: Exec, env?: Record<string, string>) {
  const { command, prefix } = await composeCommand(exec);
  const run = (args: string[], timeoutMs = 60_000) =>
    // No --file: Compose itself picks the files, as `docker compose` does in this folder
    // (COMPOSE_FILE when set, else docker-compose.yml plus a docker-compose.override.yml).
    exec(command, [...prefix, '--project-directory', projectRoot, ...args], {
      timeoutMs,
      cwd: projectRoot,
      ...(env ? { env } : {}),
    });
  const ps = async () => {
    const r = await run(['ps', '--all', '--format', 'json']);
    return r.exitCode === 0 ? parseComposePs(r.stdout) : [];
  };
  /** `ps` plus the last log lines of each service that is not healthy. */
  const diagnose = async (stderr: string) => {
    const entries = await ps();
    const lines = [stderr.trim(), '', 'docker compose ps:'];
    for (const e of entries)
      lines.push(`  ${e.Service.padEnd(15)} ${e.State}${e.Health ? ` (${e.Health})` : ''}`);
    for (const service of unhealthyServices(entries)) {
      const logs = await run(['logs', '--no-color', '--tail', '20', service]);
      lines.push(
        '',
        `last log lines of ${service}:`,
        ...logs.stdout
          .trimEnd()
          .split('\n')
          .map((l) => `  ${l}`),
      );
    }
    return lines.join('\n');
  };
  return { run, ps, diagnose };
}
