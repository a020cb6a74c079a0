import type { QueryData } from '../prometheus/schemas.js';
import type { Ledger } from '../traffic/ledger.js';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * One counter series as Prometheus can see it in the rate window: what rate() works from. A
 * series first scraped inside the window at its final count shows no increase, whatever was sent.
 */
export interface VisibleSeries {
  labels: Record<string, string>;
  /** Sum of the increases between the raw samples in the window (counter resets handled). */
  increase: number;
  samples: number;
  /** Milliseconds of the first raw sample in the window. */
  firstMs: number;
}

/** What the collector gathered for one check; evaluation is a pure function of this. */
export interface Observation {
  /** The check's query at `time` (vector and scalar results; a scalar has no labels). */
  samples: Sample[];
  time: number;
  warnings: string[];
  infos: string[];
  /** Results of the queries that assertions name (compare, conditionMatches, …), by query text. */
  related: Record<string, Sample[]>;
  /** Raw samples of the counters that assertions name, over the rate window, by counter name. */
  visible: Record<string, VisibleSeries[]>;
  /** The traffic ledgers that can be compared with this Prometheus; undefined when none were asked for. */
  traffic: TrafficFacts | undefined;
}

export interface TrafficFacts {
  /** Why no ledger can be compared (none recorded, or none for the webapp process running now). */
  none: string | undefined;
  /** Ledgers of the webapp process that runs now, that ended inside the rate window, oldest first. */
  inWindow: Ledger[];
  /** For counting: the runs that one scrape before and one scrape after enclose, and the counter then. */
  counts: CountingSpan | { notYet: string } | undefined;
}

export interface CountingSpan {
  group: Ledger[];
  before: Sample[];
  after: Sample[];
}

/** A Prometheus result as samples; matrices are read by visibleSeries. */
export function samplesOf(data: QueryData): Sample[] {
  switch (data.resultType) {
    case 'vector':
      return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
    case 'scalar':
      return [{ labels: {}, value: Number(data.result[1]) }];
    default:
      return [];
  }
}

/** Each series of a range-vector result (`counter[5m]`) with its increase between raw samples. */
export function visibleSeries(data: QueryData): VisibleSeries[] {
  if (data.resultType !== 'matrix') return [];
  return data.result.map((r) => {
    const values = r.values.map(([, v]) => Number(v));
    let increase = 0;
    for (let i = 1; i < values.length; i++) {
      const [prev, cur] = [values[i - 1] as number, values[i] as number];
      // A drop is a counter reset: the process restarted and counted `cur` since.
      increase += cur >= prev ? cur - prev : cur;
    }
    return {
      labels: r.metric,
      increase,
      samples: values.length,
      firstMs: Math.round((r.values[0]?.[0] ?? 0) * 1000),
    };
  });
}

export function labelKey(labels: Record<string, string>, on?: string[]): string {
  const keys = (on ?? Object.keys(labels).filter((k) => k !== '__name__')).slice().sort();
  return keys.map((k) => `${k}="${labels[k] ?? ''}"`).join(', ');
}
