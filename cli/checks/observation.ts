import type { QueryData } from '../prometheus/schemas.js';
import type { Ledger } from '../traffic/ledger.js';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** What the collector gathered for one check; evaluation is a pure function of this. */
export interface Observation {
  /** The check's query at `time` (vector and scalar results; a scalar has no labels). */
  samples: Sample[];
  time: number;
  warnings: string[];
  infos: string[];
  /** Results of the queries that `compare` assertions name, by query text. */
  related: Record<string, Sample[]>;
  traffic: TrafficFacts | undefined;
}

export interface TrafficFacts {
  /** Ledgers of runs that ended inside the rate window, oldest first. */
  inWindow: Ledger[];
  /** False when some run began before the window: window-wide comparisons are then not exact. */
  windowCovered: boolean;
  /** The check's query at the start of the latest run and now, for counting what it added. */
  before: Sample[] | undefined;
  after: Sample[] | undefined;
}

/** A Prometheus result as samples; matrices are not what any check asks for. */
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

export function labelKey(labels: Record<string, string>, on?: string[]): string {
  const keys = (on ?? Object.keys(labels).filter((k) => k !== '__name__')).slice().sort();
  return keys.map((k) => `${k}="${labels[k] ?? ''}"`).join(', ');
}
