import { isIP } from 'node:net';
import os from 'node:os';
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../../duration.js';
import { redactUrl } from '../../stack/config.js';

/** Seconds from a flag; commander turns the error into a usage error (exit 2). */
export function seconds(opts: { min: number; max: number; allowZero?: boolean }) {
  return (value: string): number => {
    const n = Number(value);
    const low = opts.allowZero ? 0 : opts.min;
    if (value.trim() === '' || !Number.isFinite(n) || n < low || (!opts.allowZero && n <= 0) || n > opts.max)
      throw new InvalidArgumentError(
        `must be a number of seconds from ${opts.allowZero ? 0 : opts.min} to ${opts.max} (got "${value}")`,
      );
    return n;
  };
}

/** A port from a flag: the same rule for every port flag, 1 to 65535. */
export function port(value: string): number {
  // Digits only: Number() would also take "1e3", "0x50" or " 80" as a port.
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidArgumentError(`must be a port from 1 to 65535 (got "${value}")`);
  return n;
}

/** An address to listen on (every `--host`): an IP address this machine has, or 0.0.0.0 / :: for all of them. */
export function listenAddress(value: string): string {
  if (!isIP(value))
    throw new InvalidArgumentError(`must be an IP address, such as 127.0.0.1 or 0.0.0.0 (got "${value}")`);
  const mine = Object.values(os.networkInterfaces())
    .flat()
    .map((i) => i?.address);
  if (value === '0.0.0.0' || value === '::' || value.startsWith('127.') || mine.includes(value)) return value;
  throw new InvalidArgumentError(
    `${value} is not an address of this machine: use 127.0.0.1, 0.0.0.0 (every address) or one of ${mine.filter((a) => a && !a.startsWith('fe80')).join(', ')}`,
  );
}

/** An http(s) URL a flag names (one that is not a stack service's: those go through the stack config). */
export function httpUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw new InvalidArgumentError(
      `must be an http:// or https:// URL without a login (got "${redactUrl(value)}")`,
    );
  return value.replace(/\/+$/, '');
}

/** A file or folder a flag names: an empty value would silently mean none, or the current folder. */
export function nonEmptyPath(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must name a file or folder (got "")');
  return value;
}

/** `--since`: an ISO time, or a duration ago (`30m`, `2h`): milliseconds since the epoch. */
export function sinceTime(now: () => number) {
  return (value: string): number => {
    const ago = parseDuration(value);
    if (ago !== undefined) return now() - ago;
    const at = Date.parse(value);
    if (/^\d{4}-\d\d-\d\d/.test(value) && !Number.isNaN(at)) return at;
    throw new InvalidArgumentError(
      `must be a duration ago (30m, 2h) or an ISO time (2026-12-02T10:00:00Z) (got "${value}")`,
    );
  };
}
