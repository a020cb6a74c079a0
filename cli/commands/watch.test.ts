import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startGrafanaStandIn } from '../../test/grafana-stand-in/index.js';
import { fakeHttp, testContext } from '../../test/helpers/in-process.js';
import type { HttpClient } from '../http/fetch-json.js';
import { runMain } from '../run-main.js';

/** What watch prints, each piece with the virtual time it was printed at. */
function printedAt(now: () => number) {
  const printed: { at: number; text: string }[] = [];
  const stdout = new Writable({
    write(chunk, _enc, done) {
      printed.push({ at: now(), text: String(chunk) });
      done();
    },
  });
  return { printed, stdout };
}

describe('workshop watch when Prometheus dies (in process, virtual clock)', () => {
  it('says so within 2 s, keeps the checklist, and recovers by itself when Prometheus is back', async () => {
    let clock = 1_000_000;
    // Off any round multiple of the probe's period, so a slower probe cannot land on them by chance.
    const dieAt = clock + 5_300;
    const backAt = clock + 15_700;
    const endAt = clock + 20_000;
    const run = new AbortController();
    const alive = () => clock < dieAt || clock >= backAt;
    const up = fakeHttp(
      {
        '/-/ready': { body: 'Prometheus Server is Ready.' },
        '/api/v1/targets': { fixture: 'targets.json' },
      },
      'refuse',
    ).http;
    const down = fakeHttp({}, 'refuse').http;
    const http: HttpClient = (service, url, opts) => (alive() ? up : down)(service, url, opts);
    const { printed, stdout } = printedAt(() => clock);
    const ctx = await testContext({
      http,
      stdout,
      signal: run.signal,
      now: () => clock,
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        clock += ms;
        if (clock >= endAt) run.abort(new Error('interrupted by SIGINT'));
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    expect(await runMain(['watch', 'exercise-1'], ctx)).toBe(130);
    const banner = printed.find((p) => p.text.includes('does not answer; your passes are kept'));
    expect(banner?.text).toBe(
      '! Prometheus at http://localhost:9090 does not answer; your passes are kept\n',
    );
    expect(banner?.at).toBeGreaterThanOrEqual(dieAt);
    expect((banner?.at ?? Number.POSITIVE_INFINITY) - dieAt).toBeLessThanOrEqual(2_000);
    const back = printed.find((p) => p.text.includes('answers again'));
    expect(back?.at).toBeGreaterThanOrEqual(backAt);
    expect((back?.at ?? Number.POSITIVE_INFINITY) - backAt).toBeLessThanOrEqual(2_000);
    expect(printed.filter((p) => p.text.includes('does not answer'))).toHaveLength(1);
  });
});

describe('workshop watch when Grafana dies (in process, virtual clock, the Grafana stand-in)', () => {
  it("says so within one Grafana poll and keeps Exercise 2's checklist as Grafana last answered", async () => {
    const grafana = await startGrafanaStandIn({ adminPassword: 'foobar' });
    let clock = 1_000_000;
    const dieAt = clock + 7_300;
    const endAt = clock + 16_000;
    const run = new AbortController();
    let closed: Promise<void> | undefined;
    // Prometheus answers from recorded replies; Grafana is the stand-in, over the network.
    const { http } = fakeHttp({
      '/-/ready': { body: 'Prometheus Server is Ready.' },
      '/api/v1/targets': { fixture: 'targets.json' },
    });
    const { printed, stdout } = printedAt(() => clock);
    const ctx = await testContext({
      http,
      stdout,
      env: { WORKSHOP_GRAFANA_URL: grafana.url, WORKSHOP_PROMETHEUS_URL: 'http://127.0.0.1:9' },
      signal: run.signal,
      now: () => clock,
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        clock += ms;
        if (clock >= dieAt) closed ??= grafana.close();
        await closed;
        if (clock >= endAt) run.abort(new Error('interrupted by SIGINT'));
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    try {
      expect(await runMain(['watch', 'exercise-2'], ctx)).toBe(130);
    } finally {
      closed ??= grafana.close();
      await closed;
    }
    const graded = printed.filter((p) => p.at < dieAt && /exercise-2\/A\/1 .* fails/.test(p.text));
    expect(graded).toHaveLength(1);
    const banner = printed.find((p) => p.text.includes('does not answer'));
    expect(banner?.text).toBe(
      `! Grafana at ${grafana.url} does not answer; its checks show its last answer\n`,
    );
    expect((banner?.at ?? Number.POSITIVE_INFINITY) - dieAt).toBeLessThanOrEqual(3_000 + 250);
    // Nothing about Exercise 2's checks changed on screen once Grafana was gone.
    expect(printed.filter((p) => p.at >= dieAt && p.text.includes('exercise-2/'))).toEqual([]);
  }, 30_000);
});
