import type { QueryResult } from '../prometheus/client.js';
import type { ScrapeTarget } from '../prometheus/schemas.js';

/** The part of the Prometheus API the checks use; PrometheusClient implements it, tests may stub it. */
export interface PromApi {
  query(promql: string, time?: number): Promise<QueryResult>;
  targets(): Promise<ScrapeTarget[]>;
  series(match: string, startSeconds?: number): Promise<Record<string, string>[]>;
  labelNames(match?: string): Promise<string[]>;
  labelValues(label: string, match?: string): Promise<string[]>;
  formatQuery(promql: string): Promise<string>;
}
