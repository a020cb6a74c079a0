import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { InterruptedError, StackError } from '../errors.js';
import type { Exec } from '../exec.js';
import { writeAtomic } from '../fs-safe.js';
import type { HttpClient } from '../http/fetch-json.js';
import { composePrometheusConfig, projectRoot } from '../paths.js';
import { PrometheusClient } from '../prometheus/client.js';
import type { Spinner } from '../ui/spinner.js';
import { explainComposeFailure, inspectState } from './compose-diagnose.js';
import { parseComposeConfig, type UnavailableImage, unavailableImage } from './compose-images.js';
import type { StackConfig } from './config.js';
import { writeGradingDataset } from './grading-prometheus.js';
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
  ID: z.string().optional(),
  Name: z.string().optional(),
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
 * WORKSHOP_PROMETHEUS_DIGEST says what Prometheus reads: a running container keeps the file a
 * bind mount named when it started (the generated config is replaced, never edited in place), so
 * Compose must see a change to recreate it.
 */
export async function composeEnv(stateDir: string, reporting: Reporting): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    WORKSHOP_LEARNER: reporting.learner,
    WORKSHOP_GRADING_DIR: await writeGradingDataset(path.join(stateDir, 'grading')),
  };
  let config = '';
  let secret = '';
  if (reporting.reportTo) {
    const shipped = parse(await readFile(composePrometheusConfig, 'utf8')) as Record<string, unknown>;
    const file = path.join(stateDir, 'prometheus-compose.yml');
    // Inside the container the password file is where docker-compose.yml mounts it.
    const auth = reporting.reportAuth;
    const inContainer = auth ? { ...auth, passwordFile: composeReportSecret } : undefined;
    config = stringify(
      withProgressRemoteWrite(shipped, { reportTo: reporting.reportTo, reportAuth: inContainer }),
    );
    await writeAtomic(file, config);
    env.WORKSHOP_PROMETHEUS_CONFIG = file;
    if (auth) {
      env.WORKSHOP_REPORT_TO_SECRET = auth.passwordFile;
      // The file itself, not its content: a new password is a new file (never hashed here).
      const s = await stat(auth.passwordFile, { bigint: true }).catch(() => undefined);
      secret = s ? `${s.ino}:${s.mtimeNs}` : '';
    }
  }
  env.WORKSHOP_PROMETHEUS_DIGEST = createHash('sha256')
    .update(JSON.stringify([reporting.learner, config, secret]))
    .digest('hex')
    .slice(0, 16);
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
  spinner: Spinner;
  timeoutMs: number;
  now(): number;
  /** Ctrl-C: a docker compose cut short by it was interrupted, not failed. */
  signal?: AbortSignal;
}

export async function composeUp(opts: ComposeOptions, previous: StackState | undefined): Promise<UpOutcome> {
  const env = await composeEnv(opts.config.stateDir, opts.reporting);
  const compose = await composeRunner(opts.exec, env);
  const before = await compose.ps();
  const state: StackState = {
    backend: 'compose',
    startedAt: new Date(opts.now()).toISOString(),
    urls: opts.config.urls,
    processes: {},
    unavailable: {},
    queryLog: { kind: 'compose', path: composeQueryLog },
    grading: { url: composeGradingUrl },
    prometheusDigest: env.WORKSHOP_PROMETHEUS_DIGEST,
  };
  const prometheus = new PrometheusClient(opts.config.urls.prometheus, { http: opts.http });
  const healthy = before.length > 0 && unhealthyServices(before).length === 0;
  if (healthy && previous?.backend === 'compose' && previous.prometheusDigest === state.prometheusDigest) {
    await confirmQueryLog(prometheus, state, opts.spinner);
    await writeState(opts.config.stateDir, state);
    return { state, alreadyUp: true };
  }
  // Running but started with another learner name or --report-to (or not by `workshop up`): the
  // same `up` recreates only what depends on them (Compose compares each service's settings).
  opts.spinner.start(
    healthy
      ? 'docker compose up --wait (applying the learner name and --report-to)'
      : 'docker compose up --wait (building the webapp image on first run)',
  );
  const waitSeconds = String(Math.ceil(opts.timeoutMs / 1000));
  const up = await compose.run(
    ['up', '-d', '--wait', '--wait-timeout', waitSeconds],
    opts.timeoutMs + 600_000,
  );
  if (up.exitCode !== 0) {
    if (opts.signal?.aborted) {
      opts.spinner.fail('interrupted: docker compose up was stopped');
      throw new InterruptedError('interrupted while docker compose up was running');
    }
    opts.spinner.fail('docker compose up failed');
    const why = await compose.diagnose(up.stderr, Number(waitSeconds));
    throw new StackError(`docker compose up failed:\n${why.text}`, { hint: why.hint });
  }
  await confirmQueryLog(prometheus, state, opts.spinner);
  await writeState(opts.config.stateDir, state);
  opts.spinner.succeed('compose stack up and healthy');
  if (!healthy) return { state, alreadyUp: false };
  const ids = new Map(before.map((e) => [e.Service, e.ID]));
  const recreated = (await compose.ps()).filter((e) => e.ID !== ids.get(e.Service)).map((e) => e.Service);
  return recreated.length ? { state, alreadyUp: false, recreated } : { state, alreadyUp: true };
}

/** The services of this folder's compose project that run now (none when Compose is missing). */
export async function runningComposeServices(exec: Exec): Promise<string[]> {
  if ('missing' in (await findCompose(exec))) return [];
  const entries = await (await composeRunner(exec)).ps();
  return entries.filter((e) => e.State === 'running').map((e) => e.Service);
}

/** The first image the stack needs that is not here and cannot be pulled (see compose-images.ts). */
export async function composeImageMissing(exec: Exec): Promise<UnavailableImage | undefined> {
  const r = await (await composeRunner(exec)).run(['config', '--format', 'json']);
  // A file Compose cannot read is for `up` itself to report, with its own words.
  const config = r.exitCode === 0 ? parseComposeConfig(r.stdout) : undefined;
  return config ? unavailableImage(exec, config) : undefined;
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
  /** Why `up` failed: `ps`, and per failing service its last log lines or why it never started. */
  const diagnose = async (stderr: string, timeoutSeconds: number) => {
    const entries = await ps();
    const failing = unhealthyServices(entries);
    const logs: Record<string, string> = {};
    const startErrors: Record<string, string> = {};
    for (const service of failing) {
      const entry = entries.find((e) => e.Service === service);
      if (!entry) continue;
      if (entry.State === 'created') {
        const r = await exec('docker', ['inspect', entry.Name ?? service], { timeoutMs: 10_000 });
        const parsed = inspectState.safeParse(r.exitCode === 0 ? safeJson(r.stdout) : undefined);
        if (parsed.success) startErrors[service] = parsed.data[0]?.State.Error ?? '';
      } else logs[service] = (await run(['logs', '--no-color', '--tail', '20', service])).stdout;
    }
    return explainComposeFailure({ stderr, entries, failing, logs, startErrors, timeoutSeconds });
  };
  return { run, ps, diagnose };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
