/**
 * JSON.stringify that writes bigint values as exact integer literals (JSON itself has no size limit;
 * JSON.stringify just refuses bigint). Needed for `/cpu-intensive`, whose sums pass 2^53.
 */
export function stringifyWithBigInts(value: unknown): string {
  // Bigints travel through JSON.stringify as marker strings, then the quoted markers are replaced by
  // the digits. The marker is chosen so that it occurs nowhere else in the output.
  const withoutBigInts = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? null : v));
  let marker = 'bigint:';
  while (withoutBigInts.includes(marker)) marker = `#${marker}`;
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${marker}${v}` : v));
  return json.replaceAll(new RegExp(`"${escapeRegExp(marker)}(-?\\d+)"`, 'g'), '$1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
