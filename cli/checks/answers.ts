import { readFile, stat } from 'node:fs/promises';
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
import type { RegisteredExercise } from '../../exercises/registry.js';
import { UsageError } from '../errors.js';
import { describe } from '../fs-safe.js';
import { clip } from '../text.js';

/** Far more than any exercise query; a longer "answer" is a mistake and would only load Prometheus. */
export const maxAnswerLength = 4_000;
const maxFileBytes = 1_000_000;

const answersSchema = z.record(
  z.string(),
  z
    .string()
    .min(1, 'an answer must be a PromQL query')
    .max(maxAnswerLength, `an answer may be at most ${maxAnswerLength} characters long`),
);

const lineHint = 'write one line per check: exercise-1/A/3: <your PromQL>';

/**
 * A learner's answers file: JSON or YAML, check id → PromQL. Unknown ids, and ids of an exercise
 * that is graded from Grafana, are usage errors that say what to do.
 */
export async function loadAnswers(
  file: string,
  promqlIds: string[],
  grafanaIds: string[],
): Promise<Record<string, string>> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    // A FIFO, a device or a socket would be read forever (or block): only regular files.
    if (!info.isFile()) throw new UsageError(`the answers file ${file} is not a regular file`, lineHint);
    if (info.size > maxFileBytes)
      throw new UsageError(
        `the answers file ${file} is ${info.size} bytes; an answers file is a few lines`,
        lineHint,
      );
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the answers file: ${describe(error as NodeJS.ErrnoException, file)}`);
  }
  let raw: unknown;
  try {
    raw = parse(text); // YAML is a superset of JSON: one parser reads both.
  } catch (error) {
    throw new UsageError(`${file} is neither JSON nor YAML: ${yamlProblem(error)}`, lineHint);
  }
  const parsed = answersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${file}: ${issue?.path.length ? `${clip(issue.path.join('.'), 80)}: ` : ''}${issue?.message}`,
      lineHint,
    );
  }
  const ids = Object.keys(parsed.data);
  const grafana = ids.filter((id) => grafanaIds.includes(id));
  if (grafana.length > 0)
    throw new UsageError(
      `${file} has answers for ${grafana.join(', ')}, which are graded from your Grafana, not from an answers file`,
      'build them in Grafana and run `workshop check exercise-2`; keep only exercise-1 ids in the answers file',
    );
  const unknown = ids.filter((id) => !promqlIds.includes(id));
  if (unknown.length > 0)
    throw new UsageError(
      `${file} names unknown check ids: ${unknown.map((u) => clip(u, 80)).join(', ')}`,
      'see `workshop list` for the check ids',
    );
  return parsed.data;
}

/** A YAML error as "line L, column C: what", without the source excerpt that follows it. */
function yamlProblem(error: unknown): string {
  if (error instanceof YAMLParseError) {
    const what = error.message.split(' at line ')[0] ?? error.message;
    const pos = error.linePos?.[0];
    return pos ? `line ${pos.line}, column ${pos.col}: ${what}` : what;
  }
  return (error as Error).message.split('\n')[0] ?? String(error);
}

/** An answers file for these exercises: its ids must be checks of an exercise graded from PromQL. */
export function loadExerciseAnswers(
  file: string,
  all: RegisteredExercise[],
): Promise<Record<string, string>> {
  const idsOf = (runner: string) =>
    all.filter((e) => e.runner === runner).flatMap((e) => e.definition.checks.map((c) => c.id));
  return loadAnswers(file, idsOf('promql'), idsOf('grafana'));
}
