import type { ScrapeTarget } from '../prometheus/schemas.js';
import { samplesOf } from './observation.js';
import type { PromApi } from './prom-api.js';
import { type LabelMatcher, type Selector, selectorsOf } from './promql-syntax.js';

export interface Diagnosis {
  message: string;
  /** Waiting may fix it (not scraped yet, too few samples); a final one will not change by itself. */
  final: boolean;
  /** What to change, when the mistake is clear (a misspelt name). */
  hint?: string;
}

/**
 * Why did a query return nothing? pint's ladder, said in one sentence: metric never seen, target
 * down, label never occurs, label value never occurs (did you mean…?), range too short.
 */
export async function diagnoseEmpty(
  promql: string,
  api: PromApi,
  targets: ScrapeTarget[],
  scrapeIntervalSeconds: number,
): Promise<Diagnosis> {
  const selectors = selectorsOf(promql).filter((s) => s.metric);
  for (const sel of selectors) {
    const metric = sel.metric as string;
    const seen = await api.series(metric, 0);
    if (seen.length === 0) {
      const pending = targets.filter((t) => t.health === 'unknown');
      if (pending.length > 0)
        return {
          message: `Prometheus has not scraped ${jobs(pending)} yet, so ${metric} is not there yet`,
          final: false,
        };
      const down = targets.filter((t) => t.health === 'down');
      if (down.length > 0) {
        return {
          message: `${metric} was never seen; the target ${jobs(down)} is down (${down[0]?.lastError || 'no answer'})`,
          final: false,
        };
      }
      const near = closest(metric, await api.labelValues('__name__'));
      return {
        message: `Prometheus has never seen the metric ${metric}${near ? `; did you mean ${near}?` : ''}`,
        final: true,
        hint: near
          ? `write ${near} instead of ${metric}`
          : 'check the metric name: spelling, and the _count / _bucket / _total suffix',
      };
    }
    const sources = new Set(seen.map((l) => l.job));
    const notUp = targets.filter((t) => sources.has(t.labels.job ?? t.scrapePool) && t.health !== 'up');
    if (notUp.length > 0) {
      const t = notUp[0] as ScrapeTarget;
      const state =
        t.health === 'down' ? `is down (${t.lastError || 'no answer'})` : 'has not been scraped yet';
      return { message: `${metric} comes from ${jobs(notUp)}, which ${state}`, final: false };
    }
    const names = new Set(await api.labelNames(metric));
    const unknownLabel = sel.matchers.find((m) => !names.has(m.label) && matchesEmpty(m) === false);
    if (unknownLabel) {
      const labels = [...names].filter((n) => n !== '__name__');
      const near = closest(unknownLabel.label, labels);
      return {
        message: `${metric} has no label ${unknownLabel.label}${near ? `; did you mean ${near}?` : ''} (its labels: ${labels.join(', ')})`,
        final: true,
        hint: near
          ? `write ${near} instead of ${unknownLabel.label}`
          : `select on one of its labels: ${labels.join(', ')}`,
      };
    }
    for (const m of sel.matchers.filter((x) => names.has(x.label))) {
      const values = await api.labelValues(m.label, metric);
      if (values.some((v) => matches(m, v))) continue;
      const near = m.op === '=' ? closest(m.value, values) : undefined;
      return {
        message: await labelValueMessage(metric, m, values, api),
        // Status values appear once requests produce them; a misspelt path or method never will.
        final: m.op === '!=' || m.op === '!~' || (near !== undefined && m.label !== 'status'),
        ...(near ? { hint: `write ${m.label}="${near}" instead of ${m.label}="${m.value}"` } : {}),
      };
    }
  }
  const short = selectors.find(
    (s) => s.rangeSeconds !== undefined && s.rangeSeconds < 2 * scrapeIntervalSeconds,
  );
  if (short) {
    return {
      message: `the range [${short.rangeSeconds}s] in ${short.text} is shorter than two scrape intervals (${2 * scrapeIntervalSeconds} s), so rate() has fewer than two samples`,
      final: true,
    };
  }
  const thin = await fewSamples(selectors, api);
  if (thin)
    return {
      message: `fewer than two samples of ${thin.text} in its [${thin.rangeSeconds}s] window yet`,
      final: false,
    };
  return { message: 'the series exist, but the expression filters them all out', final: true };
}

async function fewSamples(selectors: Selector[], api: PromApi): Promise<Selector | undefined> {
  for (const s of selectors.filter((x) => x.rangeSeconds !== undefined)) {
    const counts = samplesOf((await api.query(`max(count_over_time(${s.text}[${s.rangeSeconds}s]))`)).data);
    if ((counts[0]?.value ?? 0) < 2) return s;
  }
  return undefined;
}

async function labelValueMessage(
  metric: string,
  m: LabelMatcher,
  values: string[],
  api: PromApi,
): Promise<string> {
  const head = `no ${metric} series has ${m.label}${m.op}"${m.value}"`;
  if (m.label === 'id' && /docker|prometheus-webapp/.test(m.value)) {
    // The workshop text's two cAdvisor traps.
    const named = (await api.labelValues('name', metric)).filter(Boolean);
    if (named.length > 0) {
      const why = /prometheus-webapp/.test(m.value)
        ? 'cAdvisor ids are cgroup paths holding the container hash, never its name'
        : 'on cgroup-v2/systemd hosts container ids look like /system.slice/docker-<id>.scope';
      return `${head}: ${why}; container series exist with a name label, so select by name: ${metric}{name!=""} or {name="prometheus-webapp"}`;
    }
  }
  const near = m.op === '=' ? closest(m.value, values) : undefined;
  const activity =
    m.label === 'status'
      ? ' (such values appear only once requests produce them: try `workshop traffic errors`)'
      : '';
  return `${head}${near ? `; did you mean "${near}"?` : ''}${activity}`;
}

function matches(m: LabelMatcher, v: string): boolean {
  const re = () => new RegExp(`^(?:${m.value})$`);
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return re().test(v);
    case '!~':
      return !re().test(v);
  }
}

/** A matcher that also selects series without the label (e.g. `foo=""`) does not need it to exist. */
function matchesEmpty(m: LabelMatcher): boolean {
  return matches(m, '');
}

function jobs(targets: ScrapeTarget[]): string {
  return [...new Set(targets.map((t) => t.labels.job ?? t.scrapePool))].join(', ');
}

/** The known value nearest to what was asked for (edit distance), if reasonably near. */
export function closest(wanted: string, values: string[]): string | undefined {
  let best: [string, number] | undefined;
  for (const v of values) {
    const d = distance(wanted.toLowerCase(), v.toLowerCase());
    if (!best || d < best[1]) best = [v, d];
  }
  return best && best[1] <= Math.max(2, Math.floor(wanted.length / 3)) ? best[0] : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length] as number;
}
