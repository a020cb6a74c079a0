import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { learnerName } from '../progress-exporter/learner-name.js';

const prometheusUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL')
  // The file_sd list carries no login: dropped silently, federation would run unauthenticated.
  .refine(
    (u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password),
    'has a login in it (user:password@), which the class federation does not send: give the address without it, and let that learner push with `workshop up --report-to` instead',
  )
  // Federation asks for /federate with its own query: one in the roster would be dropped too.
  .refine(
    (u) => !URL.canParse(u) || !new URL(u).search,
    'has a query (?…), which the class federation does not send: give the address, and a path prefix if there is one',
  );

/**
 * The class: who is in it and, for learners the instructor's Prometheus can reach, where their
 * Prometheus is (federated). A learner without a URL pushes with `workshop up --report-to`.
 */
export const rosterSchema = z.object({
  class: z.string().trim().min(1).max(64).optional(),
  learners: z
    .array(z.object({ name: learnerName, prometheus: prometheusUrl.optional() }).strict())
    .min(1, 'the roster lists no learners'),
});
export type Roster = z.infer<typeof rosterSchema>;

/** A roster from its YAML text, or a usage error (exit 2) naming the line's problem. */
export function parseRoster(text: string, file: string): Roster {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = rosterSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new UsageError(`${file}${where}: ${issue?.message}`, rosterHint);
  }
  const seen = new Map<string, number>();
  for (const [i, l] of parsed.data.learners.entries()) {
    const key = l.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      throw new UsageError(
        `${file}: learners ${first} and ${i} are both named "${l.name}": every learner needs a name of their own`,
        rosterHint,
      );
    seen.set(key, i);
  }
  return parsed.data;
}

const rosterHint =
  'a roster is YAML: `learners:` then one `- name: Ada` per learner, with `prometheus: http://10.0.0.11:9090` for those you federate';

export async function readRoster(file: string): Promise<Roster> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read the roster ${file}: ${error.code ?? error.message}`);
  });
  return parseRoster(text, file);
}
