import { describe, expect, it } from 'vitest';
import type { ScrapeTarget } from '../prometheus/schemas.js';
import type { PromApi } from './prom-api.js';
import { sharedTargets } from './run-checks.js';

/** An API whose targets answer only when told to, counting the requests. */
function slowTargets() {
  let requests = 0;
  const waiting: ((t: ScrapeTarget[]) => void)[] = [];
  const unused = () => Promise.reject(new Error('not used here'));
  const api: PromApi = {
    query: unused,
    series: unused,
    labelNames: unused,
    labelValues: unused,
    formatQuery: unused,
    targets: () => {
      requests++;
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
  return {
    api,
    requests: () => requests,
    answer: (t: ScrapeTarget[]) => {
      for (const w of waiting.splice(0)) w(t);
    },
  };
}

describe('sharedTargets', () => {
  it('checks asking while a request is on its way share it: one request for the round', async () => {
    const prom = slowTargets();
    const api = sharedTargets(prom.api);
    const asked = Promise.all([api.targets(), api.targets(), api.targets()]);
    prom.answer([]);
    expect(await asked).toEqual([[], [], []]);
    expect(prom.requests()).toBe(1);
  });

  it('a later round asks anew (a retry must see the scrape that came since)', async () => {
    const prom = slowTargets();
    const api = sharedTargets(prom.api);
    const first = api.targets();
    prom.answer([]);
    await first;
    const second = api.targets();
    prom.answer([]);
    await second;
    expect(prom.requests()).toBe(2);
  });

  it('a failed request is not kept: the next round asks again', async () => {
    let requests = 0;
    const failing = {
      ...slowTargets().api,
      targets: () => Promise.reject(new Error(`refused ${++requests}`)),
    };
    const api = sharedTargets(failing);
    await expect(api.targets()).rejects.toThrow('refused 1');
    await expect(api.targets()).rejects.toThrow('refused 2');
  });
});
