// The one duration parser: Prometheus's (PromQL ranges, alert `for`, Grafana intervals; model.ParseDuration)
// and Go's (Compose healthchecks; time.ParseDuration) differ only in units and strictness.
const dialects = {
  /** Whole numbers, units from largest to smallest, each at most once: `1h30m`, `5m`, `500ms`, `0`. */
  prometheus: {
    units: { y: 31_536_000_000, w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 },
    number: '\\d+',
    ordered: true,
  },
  /** Decimals allowed, any order: `1.5s`, `1m30s`, `300ms`, `10us`. */
  go: {
    units: { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000_001 },
    number: '\\d+(?:\\.\\d+)?|\\.\\d+',
    ordered: false,
  },
} as const;
export type DurationDialect = keyof typeof dialects;

/** One number and unit; longest unit names first, so `ms` is never read as `m` followed by `s`. */
const durationPart = Object.fromEntries(
  Object.entries(dialects).map(([name, d]) => {
    const alternatives = Object.keys(d.units)
      .sort((a, b) => b.length - a.length)
      .join('|');
    return [name, new RegExp(`(${d.number})(${alternatives})`, 'g')];
  }),
) as Record<DurationDialect, RegExp>;

/** Milliseconds, or undefined when the text is not a duration of that dialect. */
export function parseDuration(text: string, dialect: DurationDialect = 'prometheus'): number | undefined {
  if (text === '0') return 0;
  const d = dialects[dialect];
  const names = Object.keys(d.units);
  const parts = [...text.matchAll(durationPart[dialect])];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  if (d.ordered) {
    const order = parts.map((p) => names.indexOf(p[2] as string));
    if (order.some((u, i) => i > 0 && u <= (order[i - 1] as number))) return undefined;
  }
  return parts.reduce(
    (ms, p) => ms + Number(p[1]) * ((d.units as Record<string, number>)[p[2] as string] ?? 0),
    0,
  );
}

/** Seconds, as most callers want them. */
export function durationSeconds(text: string, dialect: DurationDialect = 'prometheus'): number | undefined {
  const ms = parseDuration(text, dialect);
  return ms === undefined ? undefined : ms / 1000;
}
