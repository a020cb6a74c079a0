import { type ReportingFlags, resolveReporting } from '../progress-exporter/reporting.js';
import type { Session } from '../session.js';
import { chooseUpBackend } from '../stack/backend.js';
import { composeUp } from '../stack/compose.js';
import type { BackendName } from '../stack/config.js';
import { nodeInstallDeps } from '../stack/install.js';
import { nativeUp } from '../stack/native.js';
import type { Reporting } from '../stack/progress-scrape.js';
import type { StackState } from '../stack/state.js';
import { claimStateDir } from '../stack/state-dir.js';
import type { Spinner } from '../ui/spinner.js';

export interface UpResult {
  backend: BackendName;
  /** Why this backend (auto says what it found). */
  reason: string;
  alreadyUp: boolean;
  /** Started again, while the rest of the stack ran on. */
  restarted?: string[];
  /** Recreated to take a new learner name or --report-to (compose). */
  recreated?: string[];
  /** Prometheus reloaded to take a new learner name or --report-to (native). */
  reloaded?: true;
  state: StackState;
  reporting: Reporting;
}

export interface UpPhaseOptions {
  /** `up --learner` / `--report-to`; otherwise what the state dir keeps. */
  reporting?: ReportingFlags;
  allowInstall: boolean;
  timeoutMs: number;
  spinner: Spinner;
}

/** Brings the stack up in the backend that can run here and waits until it is healthy. */
export async function upPhase(session: Session, opts: UpPhaseOptions): Promise<UpResult> {
  const { ctx, config } = session;
  await claimStateDir(config.stateDir);
  const { backend, reason } = await chooseUpBackend(config, ctx.exec);
  const reporting = await resolveReporting(config.stateDir, opts.reporting);
  const outcome =
    backend === 'compose'
      ? await composeUp(
          {
            exec: ctx.exec,
            http: ctx.http,
            config,
            reporting,
            spinner: opts.spinner,
            timeoutMs: opts.timeoutMs,
            now: ctx.now,
            signal: ctx.signal,
          },
          session.state,
        )
      : await nativeUp(
          {
            config,
            reporting,
            allowInstall: opts.allowInstall,
            timeoutMs: opts.timeoutMs,
            spinner: opts.spinner,
            installDeps: () => nodeInstallDeps(ctx.env, (m) => opts.spinner.info(m)),
            ctx,
          },
          session.state,
        );
  session.state = outcome.state;
  return { backend, reason, reporting, ...outcome };
}
