import { StackError } from '../errors.js';
import type { HttpClient } from '../http/fetch-json.js';

export type Probe = { ok: true } | { ok: false; reason: string; fatal?: boolean };

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  signal?: AbortSignal;
}

/** Polls a probe until it passes; readiness is waited for, never slept. A fatal probe stops at once. */
export async function waitFor(what: string, probe: () => Promise<Probe>, opts: WaitOptions): Promise<void> {
  const deadline = opts.now() + opts.timeoutMs;
  for (;;) {
    const result = await probe();
    if (result.ok) return;
    if (result.fatal) throw new StackError(`${what}: ${result.reason}`);
    if (opts.now() >= deadline) {
      throw new StackError(
        `${what} was not ready after ${Math.round(opts.timeoutMs / 1000)} s: ${result.reason}`,
      );
    }
    await opts.sleep(opts.intervalMs ?? 100, opts.signal);
  }
}

/** 200 from an HTTP endpoint, with a short deadline per attempt. */
export async function probeHttp(
  http: HttpClient,
  service: string,
  url: string,
  timeoutMs = 2_000,
): Promise<Probe> {
  try {
    const res = await http(service, url, { timeoutMs });
    return res.status === 200 ? { ok: true } : { ok: false, reason: `${url} answered ${res.status}` };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
