import { z } from 'zod';
import type { ComposePsEntry } from './compose.js';

/** What `docker inspect` says of a container that never ran: why its start failed, if it was tried. */
export const inspectState = z.array(
  z.object({
    Name: z.string(),
    State: z.object({ Status: z.string(), Error: z.string().optional().default('') }),
  }),
);

export interface ComposeFailure {
  /** `docker compose up`'s own error output. */
  stderr: string;
  entries: ComposePsEntry[];
  /** The services to explain (not running, or not healthy). */
  failing: string[];
  /** `docker compose logs --tail 20 SERVICE` of the services that ran. */
  logs: Record<string, string>;
  /** State.Error of the containers that were only created, by service. */
  startErrors: Record<string, string>;
  timeoutSeconds: number;
}

/** Compose's words when --wait-timeout ran out before every service was healthy. */
const timedOut = /timeout waiting for dependencies|application not healthy after/i;

/**
 * Why `docker compose up` failed, for a person: compose's error, `ps`, then for each failing
 * service its last log lines, or, for a container that was only created (it never ran, so it has
 * no log), the engine's reason it did not start, or that it waited for another service.
 */
export function explainComposeFailure(f: ComposeFailure): { text: string; hint: string } {
  const lines = [f.stderr.trim(), '', 'docker compose ps:'];
  for (const e of f.entries)
    lines.push(`  ${e.Service.padEnd(15)} ${e.State}${e.Health ? ` (${e.Health})` : ''}`);
  for (const service of f.failing) {
    const entry = f.entries.find((e) => e.Service === service);
    if (entry?.State === 'created') {
      const error = f.startErrors[service];
      lines.push(
        '',
        error
          ? `${service} did not start: ${error}`
          : `${service} was created but not started: it waits for the services it depends on`,
      );
      continue;
    }
    const log = (f.logs[service] ?? '').trimEnd();
    if (!log) continue;
    lines.push('', `last log lines of ${service}:`, ...log.split('\n').map((l) => `  ${l}`));
  }
  const hint = timedOut.test(f.stderr)
    ? `the stack was not healthy within --timeout ${f.timeoutSeconds} s: on a first start or a slow machine give it longer, such as \`workshop up --timeout ${Math.max(600, f.timeoutSeconds * 2)}\` (\`workshop status\` shows what is still starting)`
    : 'fix the service named above, then run `workshop up` again (`workshop down` cleans up)';
  return { text: lines.join('\n'), hint };
}
