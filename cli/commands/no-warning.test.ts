import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fakeHttp, runInProcess } from '../../test/helpers/in-process.js';
import { createNodeContext } from '../node-context.js';

describe('no Node warning reaches stderr (in process, with the real sleep and one run signal)', () => {
  it('check with every check retrying at once: no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      // A Prometheus that knows the metrics but has no samples in the window yet: every check is
      // "not yet" and retries, all at the same time.
      const prometheus = fakeHttp(
        {
          '/api/v1/targets': { fixture: 'targets.json' },
          '/api/v1/query': { fixture: 'query-empty.json' },
          '/api/v1/series': { fixture: 'series-count.json' },
          '/api/v1/labels': { fixture: 'labels-count.json' },
          '/api/v1/label/__name__/values': { fixture: 'metric-names-webapp.json' },
          '/api/v1/format_query': { fixture: 'format-query.json' },
        },
        'refuse',
      );
      const run = new AbortController();
      const node = createNodeContext(run.signal);
      let sleeping = 0;
      let most = 0;
      let listeners = 0;
      const sleep = async (ms: number, signal?: AbortSignal) => {
        most = Math.max(most, ++sleeping);
        const slept = node.sleep(ms, signal);
        listeners = Math.max(listeners, getEventListeners(run.signal, 'abort').length);
        try {
          await slept;
        } finally {
          sleeping--;
        }
      };
      await runInProcess(['check', 'exercise-1', '--wait', '3', '--json'], {
        http: prometheus.http,
        sleep,
        signal: run.signal,
      });
      expect(most).toBeGreaterThan(5);
      // One listener on the run's signal however many wait (ten would print the warning).
      expect(listeners).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
