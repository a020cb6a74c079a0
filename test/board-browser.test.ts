import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { boardHandler } from '../cli/class/board-server.js';
import type { ClassGrid, LearnerRow } from '../cli/class/grid.js';
import { classChecks } from '../cli/class/read-class.js';
import { launchChromium } from './helpers/chromium.js';

/** A full class: every check, long names, every kind of status (Debian's chromium at 1,400 px). */
function classGrid(): ClassGrid {
  const checks = classChecks();
  const states = ['pass', 'fail', 'not_attempted', 'unchecked', 'error'] as const;
  const row = (i: number, over: Partial<LearnerRow>): LearnerRow => ({
    name: `Learner number ${i} with a long name`,
    inRoster: true,
    reach: 'up',
    lastSeen: '2026-12-05T09:59:58.000Z',
    score: 12,
    maxScore: 45,
    states: Object.fromEntries(checks.map((c, j) => [c.id, states[(i + j) % states.length] ?? 'pass'])),
    passedAt: {},
    ...over,
  });
  return {
    at: '2026-12-05T10:00:00.000Z',
    checks,
    learners: [
      row(1, { stuck: { check: 'exercise-1/B/2', since: '2026-12-05T09:40:00.000Z', tries: 14 } }),
      row(2, {
        reach: 'down',
        problem: 'Get "http://10.0.0.12:9090/federate": dial tcp 10.0.0.12:9090: connect: connection refused',
      }),
      row(3, { reach: 'pushing' }),
      row(4, { inRoster: false, reach: 'pushing' }),
      row(5, { problem: 'slow: its Prometheus took 2.5 s to answer' }),
    ],
  };
}

describe('the class board in a real browser (chromium, 1,400 px)', () => {
  it('fits the viewport without scrolling sideways, and asks for nothing that 404s (no favicon request)', async () => {
    const handler = boardHandler({
      title: 'Golden Signals, room 1',
      read: async () => classGrid(),
      empty: () => classGrid(),
      ttlMs: 1_000,
      now: () => Date.now(),
    });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
      // Loaded, and quiet: everything the page asks for by itself has been answered.
      await page.goto(url, { waitUntil: 'networkidle' });
      await page.locator('tr[data-learner]').first().waitFor();
      // A string: the function runs in the page, where the DOM is (not in this Node program's types).
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(failed).toEqual([]);
      // No favicon to fetch: the page says so, and the server answers one that is asked for anyway.
      expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('data:,');
      expect((await fetch(`${url}favicon.ico`)).status).toBe(204);
      expect(width).toBeLessThanOrEqual(1400);
    } finally {
      await browser.close();
      server.close();
    }
  }, 60_000);
});
