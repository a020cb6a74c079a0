import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Context } from '../../cli/context.js';
import type { Exec, ExecResult } from '../../cli/exec.js';
import { type HttpClient, type HttpOptions, httpRequest } from '../../cli/http/fetch-json.js';
import { runMain } from '../../cli/run-main.js';
import { abortableSleep } from '../../cli/sleep.js';
import type { ProcessControl, ProcessSpec } from '../../cli/stack/processes.js';

/** A stream that keeps what it is given, for reading back a command's stdout or stderr. */
function capture(): Writable & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** No process is run: every command not answered here exits 127, as a shell says "not found". */
export function fakeExec(
  answer: (command: string, args: string[]) => Partial<ExecResult> | undefined = () => undefined,
) {
  const calls: string[] = [];
  const exec: Exec = async (command, args) => {
    calls.push([command, ...args].join(' '));
    const r = answer(command, args);
    return r
      ? { exitCode: 0, stdout: '', stderr: '', ...r }
      : { exitCode: 127, stdout: '', stderr: `${command}: not found` };
  };
  return { exec, calls };
}

/** Processes that are only pretended: started ones are "ours" until stopped. */
export function fakeProcesses() {
  const started: { pid: number; spec: ProcessSpec; log: string }[] = [];
  const alive = new Set<number>();
  let next = 4242;
  const processes: ProcessControl = {
    async start(spec, log) {
      const pid = next++;
      started.push({ pid, spec, log });
      alive.add(pid);
      return { pid, startTime: String(pid) };
    },
    async isOurs(pid) {
      return alive.has(pid);
    },
    async stop(pid) {
      return alive.delete(pid) ? 'stopped' : 'not running';
    },
  };
  return { processes, started, alive };
}

export interface FakeReply {
  status?: number;
  /** A fixture file of cli/checks/fixtures (recorded from the real Prometheus), or a body. */
  fixture?: string;
  body?: unknown;
}

/**
 * An HTTP layer that answers from a table instead of the network: "<path> <query or match[]>"
 * first, then "<path>", then `fallback` (by default the real network, so a stand-in server works).
 */
export function fakeHttp(
  routes: Record<string, FakeReply | ((url: URL, opts: HttpOptions) => FakeReply)>,
  fallback: HttpClient | 'refuse' = httpRequest,
) {
  const seen: string[] = [];
  const fixtures = path.resolve(import.meta.dirname, '../../cli/checks/fixtures');
  const http: HttpClient = async (service, url, opts = {}) => {
    const u = new URL(url);
    const params = new URLSearchParams(opts.body ?? u.search);
    const key = `${u.pathname} ${params.get('query') ?? params.get('match[]') ?? ''}`.trim();
    seen.push(`${u.host} ${key}`);
    const route =
      routes[`${u.host}${key}`] ?? routes[key] ?? routes[`${u.host}${u.pathname}`] ?? routes[u.pathname];
    if (!route) {
      if (fallback === 'refuse') return refused(service, url);
      return fallback(service, url, opts);
    }
    const reply = typeof route === 'function' ? route(u, opts) : route;
    const text = reply.fixture
      ? readFileSync(path.join(fixtures, reply.fixture), 'utf8')
      : typeof reply.body === 'string'
        ? reply.body
        : JSON.stringify(reply.body ?? {});
    return { status: reply.status ?? 200, headers: { 'content-type': 'application/json' }, text };
  };
  return { http, seen };
}

/** The same error the real layer throws for a closed port. */
function refused(service: string, url: string) {
  return httpRequest(service, url.replace(/^https?:\/\/[^/]+/, 'http://127.0.0.1:1'), { timeoutMs: 1_000 });
}

export interface InProcessRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A context for running the CLI in process: its own state dir, captured output, doubles as given. */
export async function testContext(
  over: Partial<Context> = {},
): Promise<Context & { out(): string; err(): string }> {
  const stdout = capture();
  const stderr = capture();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-inproc-'));
  const { env, ...rest } = over;
  return {
    stdout,
    stderr,
    // No PATH: nothing installed on this machine can leak into the test.
    env: { WORKSHOP_STATE_DIR: path.join(dir, 'state'), PATH: '', ...env },
    cwd: dir,
    interactive: false,
    color: false,
    now: () => Date.now(),
    sleep: abortableSleep(),
    signal: new AbortController().signal,
    exec: fakeExec().exec,
    http: fakeHttp({}, 'refuse').http,
    processes: fakeProcesses().processes,
    exitCode: 0,
    ...rest,
    out: () => stdout.text(),
    err: () => stderr.text(),
  };
}

/** `workshop <argv>` in process. */
export async function runInProcess(
  argv: string[],
  over: Partial<Context> = {},
): Promise<InProcessRun & { ctx: Context }> {
  const ctx = await testContext(over);
  const exitCode = await runMain(argv, ctx);
  return { exitCode, stdout: ctx.out(), stderr: ctx.err(), ctx };
}
