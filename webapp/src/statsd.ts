import StatsD from 'hot-shots';
import type { RequestObserver } from './request-sample.js';

/** Metric names the statsd_exporter mapping file expects, sent with no prefix. */
export const statsdNames = {
  requests: 'webapp.http_requests',
  duration: 'webapp.http_request_duration',
} as const;

/** At most one StatsD error line per this many milliseconds: a missing exporter must not flood the log. */
const errorLogIntervalMs = 60_000;

/**
 * Sends each request to StatsD over UDP as DogStatsD-tagged lines (which statsd_exporter parses):
 * a counter and a timing in milliseconds, both tagged method, path and status.
 */
export function createStatsdObserver(
  opts: { host: string; port: number },
  log: (line: string) => void,
): RequestObserver {
  let lastErrorLog = Number.NEGATIVE_INFINITY;
  const client = new StatsD({
    host: opts.host,
    port: opts.port,
    protocol: 'udp',
    // Plain DogStatsD lines: no DD_* environment tags, no container-id field, no client telemetry.
    datadog: false,
    includeDataDogTags: false,
    // Lines are batched into datagrams of up to 1,400 bytes (under a typical MTU), flushed every 100 ms.
    maxBufferSize: 1400,
    bufferFlushInterval: 100,
    errorHandler: (err) => {
      const now = Date.now();
      if (now - lastErrorLog < errorLogIntervalMs) return;
      lastErrorLog = now;
      log(`webapp: statsd ${opts.host}:${opts.port}: ${err.message}`);
    },
  });
  return {
    observe({ method, path, status, seconds }) {
      const tags = { method, path, status };
      client.increment(statsdNames.requests, 1, tags);
      client.timing(statsdNames.duration, seconds * 1000, tags);
    },
    close: () =>
      new Promise<void>((resolve) => {
        client.close(() => resolve());
      }),
  };
}
