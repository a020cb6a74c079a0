/** One finished request, as every metrics sink (Prometheus, StatsD) sees it. */
export interface RequestSample {
  method: string;
  /** Bounded `path` label: route path, raw unknown path, or the shared overflow label. */
  path: string;
  /** HTTP status as a string, e.g. "200", as the original's labels. */
  status: string;
  seconds: number;
  /** The request ended in an unhandled exception (a bug, not a client mistake). */
  unhandledError: boolean;
}

export interface RequestObserver {
  observe(sample: RequestSample): void;
  close?(): Promise<void>;
}
