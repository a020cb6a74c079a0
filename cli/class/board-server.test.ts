import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { boardHandler } from './board-server.js';
import { buildGrid, type ClassGrid } from './grid.js';

const checks = [{ id: 'exercise-1/A/3', exercise: 'exercise-1', title: 'All request counters' }];
const grid = (): ClassGrid =>
  buildGrid({
    checks,
    nowMs: 0,
    roster: { learners: [{ name: "Zoë O'Neil", prometheus: 'http://a:9090' }] },
    targets: [],
    samples: [
      {
        metric: {
          __name__: 'workshop_check_state',
          learner: "Zoë O'Neil",
          check: 'exercise-1/A/3',
          state: 'pass',
        },
        value: 1,
      },
    ],
  });

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(read: () => Promise<ClassGrid>) {
  let clock = 0;
  const handler = boardHandler({ title: 'Room <1>', read, empty: grid, ttlMs: 1000, now: () => clock });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: async (p: string) => {
      const r = await fetch(`${base}${p}`);
      return { status: r.status, text: await r.text() };
    },
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

describe('the class board', () => {
  it('serves the grid as HTML that works without JavaScript, escaped, with the cell states as data', async () => {
    const b = await serve(async () => grid());
    const page = await b.get('/');
    expect(page.text).toContain('<noscript><meta http-equiv="refresh" content="3"></noscript>');
    expect(page.text).toContain('<title>Room &lt;1&gt;</title>');
    expect(page.text).toContain('<tr data-learner="Zoë O&#39;Neil">');
    expect(page.text).toContain('data-check="exercise-1/A/3" data-state="pass"');
    expect(page.text).not.toMatch(/<script src=|https?:\/\/(?!127)/);
    expect((await b.get('/table')).text).toContain('<table>');
    expect(JSON.parse((await b.get('/grid.json')).text).learners[0].states).toEqual({
      'exercise-1/A/3': 'pass',
    });
    expect((await b.get('/nope')).status).toBe(404);
  });

  it('reads the class Prometheus once per second however many viewers, and says so when it does not answer', async () => {
    let reads = 0;
    let fail = false;
    const b = await serve(async () => {
      reads++;
      if (fail) throw new Error('connect ECONNREFUSED 127.0.0.1:9095');
      return grid();
    });
    await Promise.all([b.get('/'), b.get('/table'), b.get('/grid.json'), b.get('/table')]);
    expect(reads).toBe(1);
    b.tick(1000);
    fail = true;
    const down = await b.get('/table');
    expect(reads).toBe(2);
    expect(down.text).toContain('the class Prometheus does not answer: connect ECONNREFUSED 127.0.0.1:9095');
    expect(down.text).toContain('data-learner="Zoë O&#39;Neil"');
  });
});
