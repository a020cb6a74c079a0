import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type GrafanaStandIn, type GrafanaStandInOptions, startGrafanaStandIn } from './index.js';
import { call } from './test-client.js';

/**
 * Test helper: starts one stand-in for the calling `describe` (closed after it) and, unless
 * `resetEachTest` is false, wipes its state before every test. `api` calls it as the admin.
 */
export function useGrafanaStandIn(opts: GrafanaStandInOptions & { resetEachTest?: boolean } = {}) {
  let running: GrafanaStandIn | undefined;
  const grafana = (): GrafanaStandIn => {
    if (!running) throw new Error('the Grafana stand-in is not running yet');
    return running;
  };
  beforeAll(async () => {
    running = await startGrafanaStandIn(opts);
  });
  afterAll(() => running?.close());
  if (opts.resetEachTest !== false) beforeEach(() => grafana().state.reset());
  return {
    grafana,
    api: (method: string, path: string, callOpts?: Parameters<typeof call>[3]) =>
      call(grafana().url, method, path, callOpts),
  };
}
