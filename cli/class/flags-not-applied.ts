import type { Command } from 'commander';

/** The --host / --port the user gave (not commander's defaults). */
export function givenAddress(
  command: Command,
  flags: { host: string; port: number },
): { host?: string; port?: number } {
  return Object.fromEntries(
    (['host', 'port'] as const)
      .filter((o) => command.getOptionValueSource(o) !== 'default')
      .map((o) => [o, flags[o]]),
  );
}

/** --host / --port given for a class that already runs elsewhere: said, not silently ignored. */
export function flagsNotApplied(url: string, given: { host?: string; port?: number }, dir: string): string {
  const running = new URL(url);
  const now = { host: running.hostname.replace(/^\[|\]$/g, ''), port: running.port };
  const asked = (['host', 'port'] as const).filter(
    (o) => given[o] !== undefined && String(given[o]) !== now[o],
  );
  if (!asked.length) return '';
  const verb = asked.length > 1 ? 'apply' : 'applies';
  return ` ${asked.map((o) => `--${o}`).join(' and ')} ${verb} when it starts: \`workshop class down --dir ${dir}\` first to move it.`;
}
