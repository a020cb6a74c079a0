import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exercises } from '../../exercises/registry.js';
import { loadExerciseAnswers } from '../checks/answers.js';
import { exitCodeFor } from '../checks/results.js';
import { selectChecks } from '../checks/select.js';
import type { Context } from '../context.js';
import { ensureWritableFile } from '../fs-safe.js';
import { checkPhase } from '../phases/check.js';
import { renderHuman } from '../reporters/human.js';
import { renderJson } from '../reporters/json.js';
import { renderJunit } from '../reporters/junit.js';
import { openSession } from '../session.js';
import { spinnerFor } from '../ui/spinner.js';
import { type CheckFlags, checkFlags } from './check/flags.js';

export function register(cmd: Command, ctx: Context): void {
  checkFlags(cmd, ctx).action((ids: string[], flags: CheckFlags) => check(ctx, ids, flags));
}

async function check(ctx: Context, ids: string[], flags: CheckFlags): Promise<void> {
  // Everything the user typed is checked before anything is asked of Prometheus or Grafana.
  const all = exercises();
  const { chosen, only } = selectChecks(all, ids, flags.run);
  const junit = flags.junit ? path.resolve(ctx.cwd, flags.junit) : undefined;
  if (junit) await ensureWritableFile(junit, '--junit');
  const answers = flags.answers
    ? await loadExerciseAnswers(path.resolve(ctx.cwd, flags.answers), all)
    : undefined;
  const session = await openSession(ctx, flags);
  if (flags.gradingUrl) session.gradingUrl = flags.gradingUrl;
  const summary = await checkPhase(session, {
    exercises: chosen,
    ...(only ? { only } : {}),
    ...(answers ? { answers } : {}),
    waitMs: flags.wait * 1000,
    learnerWork: true,
    ...(flags.since !== undefined ? { sinceMs: flags.since } : {}),
    spinner: spinnerFor(ctx, Boolean(flags.json)),
  });
  ctx.stdout.write(flags.json ? renderJson(summary) : renderHuman(summary, ctx.color));
  if (junit) await writeFile(junit, renderJunit(summary));
  ctx.exitCode = exitCodeFor(summary);
}
