import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeAtomic } from '../fs-safe.js';
import type { Reporting } from '../stack/progress-scrape.js';
import { readLearner, writeLearner } from './learner-name.js';

export interface ReportingFlags {
  learner?: string;
  /** A URL; false for --no-report-to. */
  reportTo?: string | false;
}

const reportFile = (stateDir: string) => path.join(stateDir, 'report-to');

/** `--report-to`: an http(s) URL of the instructor's Prometheus, or a usage error (exit 2). */
export function parseReportTo(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(
      `--report-to "${raw}" is not a URL: give the instructor's Prometheus, such as http://10.0.0.5:9095`,
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`--report-to "${raw}" must be an http:// or https:// URL`);
  return u.toString().replace(/\/+$/, '');
}

/**
 * Who this stack's progress is of, and where it is pushed: set once by `up --learner` and
 * `--report-to`, then kept in the state dir for every later `up` (and `smoke`, `preflight`).
 */
export async function resolveReporting(stateDir: string, flags: ReportingFlags = {}): Promise<Reporting> {
  const learner =
    flags.learner !== undefined ? await writeLearner(stateDir, flags.learner) : await readLearner(stateDir);
  if (flags.reportTo === false) await rm(reportFile(stateDir), { force: true });
  else if (flags.reportTo !== undefined) {
    const url = parseReportTo(flags.reportTo);
    await writeAtomic(reportFile(stateDir), `${url}\n`);
    return { learner, reportTo: url };
  }
  const kept = (await readFile(reportFile(stateDir), 'utf8').catch(() => '')).trim();
  return kept ? { learner, reportTo: kept } : { learner };
}
