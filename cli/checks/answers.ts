import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.js';

const answersSchema = z.record(z.string(), z.string().min(1, 'an answer must be a PromQL query'));

/** A learner's answers file: JSON or YAML, check id → PromQL. Unknown ids are a usage error. */
export async function loadAnswers(file: string, knownIds: string[]): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the answers file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let raw: unknown;
  try {
    raw = parse(text); // YAML is a superset of JSON: one parser reads both.
  } catch (error) {
    throw new UsageError(`${file} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = answersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${file}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message}`,
      'write one line per check: exercise-1/A/3: <your PromQL>',
    );
  }
  const unknown = Object.keys(parsed.data).filter((id) => !knownIds.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `${file} names unknown check ids: ${unknown.join(', ')}`,
      'see `workshop list` for the check ids',
    );
  }
  return parsed.data;
}
