import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { ensureDir, writeAtomic } from '../fs-safe.js';
import { redactUrl } from '../stack/config.js';
import type { Reporting } from '../stack/progress-scrape.js';
import { readLearner, writeLearner } from './learner-name.js';

export interface ReportingFlags {
  learner?: string;
  /** A URL; false for --no-report-to. */
  reportTo?: string | false;
}

const reportFile = (stateDir: string) => path.join(stateDir, 'report-to');
/** The password of `--report-to http://user:password@…`, for Prometheus's basic_auth.password_file. */
const secretFile = (stateDir: string) => path.join(stateDir, 'report-to.secret');

/** `--report-to`: an http(s) URL of the instructor's Prometheus, its login apart; or a usage error (exit 2). */
export function parseReportTo(raw: string): { url: string; login?: { user: string; password: string } } {
  const shown = redactUrl(raw);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(
      `--report-to "${shown}" is not a URL: give the instructor's Prometheus, such as http://10.0.0.5:9095`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`--report-to "${shown}" must be an http:// or https:// URL`);
  const login =
    u.username || u.password
      ? { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
      : undefined;
  u.username = '';
  u.password = '';
  const url = u.toString().replace(/\/+$/, '');
  return login ? { url, login } : { url };
}

/**
 * Who this stack's progress is of, and where it is pushed: set once by `up --learner` and
 * `--report-to`, then kept in the state dir for every later `up` (and `smoke`, `preflight`).
 * The URL is kept without its login: the user name on the file's second line, the password in
 * a file of its own (mode 0600) that Prometheus reads, so no config, log or output carries it.
 */
export async function resolveReporting(stateDir: string, flags: ReportingFlags = {}): Promise<Reporting> {
  const learner =
    flags.learner !== undefined ? await writeLearner(stateDir, flags.learner) : await readLearner(stateDir);
  if (flags.reportTo === false) {
    await rm(reportFile(stateDir), { force: true });
    await rm(secretFile(stateDir), { force: true });
    return { learner };
  }
  const [kept = '', keptUser] = (await readFile(reportFile(stateDir), 'utf8').catch(() => ''))
    .split('\n')
    .map((l) => l.trim());
  // A URL kept with its login by an earlier version is split like a new one.
  const raw = flags.reportTo ?? (/^[a-z]+:\/\/[^/]*@/i.test(kept) ? kept : undefined);
  if (raw !== undefined) {
    const { url, login } = parseReportTo(raw);
    if (login) {
      await ensureDir(stateDir);
      await rm(secretFile(stateDir), { force: true });
      await writeFile(secretFile(stateDir), login.password, { mode: 0o600 });
    } else await rm(secretFile(stateDir), { force: true });
    await writeAtomic(reportFile(stateDir), `${url}\n${login ? `${login.user}\n` : ''}`);
    return { learner, reportTo: url, ...(login ? { reportAuth: auth(stateDir, login.user) } : {}) };
  }
  if (!kept) return { learner };
  return { learner, reportTo: kept, ...(keptUser ? { reportAuth: auth(stateDir, keptUser) } : {}) };
}

const auth = (stateDir: string, username: string) => ({
  username,
  passwordFile: path.resolve(secretFile(stateDir)),
});
