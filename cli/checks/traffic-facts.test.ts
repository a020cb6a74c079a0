import { describe, expect, it } from 'vitest';
import type { Ledger } from '../traffic/ledger.js';
import { countingSpan, ledgersInWindow, ledgersOfProcess } from './traffic-facts.js';

const run = (startedAt: string, endedAt: string, startTimeSeconds: number | null = 100): Ledger => ({
  version: 2,
  webapp: { startTimeSeconds },
  mode: 'quick',
  seed: 1,
  timeScale: 0.1,
  baseUrl: 'http://127.0.0.1:3001',
  startedAt,
  endedAt,
  interrupted: false,
  requests: [],
  delaysSent: [],
});
const t = (s: string) => Date.parse(`2026-12-02T10:00:${s}Z`);
const at = (s: string) => new Date(t(s)).toISOString();

describe('which ledgers can be compared with the running webapp', () => {
  it('keeps only runs sent to the process that runs now (a restart resets its counters)', () => {
    const old = run(at('00'), at('02'), 50);
    const mine = run(at('10'), at('12'), 100);
    expect(ledgersOfProcess([old, mine], 100)).toEqual({ ledgers: [mine], none: undefined });
    expect(ledgersOfProcess([old], 100).none).toContain('webapp process that runs now');
    expect(ledgersOfProcess([], 100).none).toContain('no traffic run');
    expect(ledgersOfProcess([run(at('00'), at('01'), null)], 100).ledgers).toEqual([]);
  });

  it('keeps the runs that ended inside the 5-minute window', () => {
    const early = run('2026-12-02T09:50:00Z', '2026-12-02T09:50:05Z');
    const late = run(at('00'), at('05'));
    expect(ledgersInWindow([early, late], t('30'))).toEqual([late]);
  });
});

describe('countingSpan', () => {
  const scrapes = ['01', '06', '11', '16', '21', '26'].map(t);

  it('reads the counter at the last scrape before the run and the first after it', () => {
    const r = run(at('07'), at('09'));
    expect(countingSpan([r], scrapes)).toEqual({ group: [r], beforeMs: t('06'), afterMs: t('11') });
  });

  it('counts back-to-back runs that no scrape separates as one span', () => {
    const first = run(at('02'), at('08'));
    const second = run(at('08'), at('14'));
    expect(countingSpan([first, second], scrapes)).toEqual({
      group: [first, second],
      beforeMs: t('01'),
      afterMs: t('16'),
    });
  });

  it('leaves out runs a scrape separates', () => {
    const first = run(at('02'), at('04'));
    const second = run(at('12'), at('14'));
    expect(countingSpan([first, second], scrapes)).toEqual({
      group: [second],
      beforeMs: t('11'),
      afterMs: t('16'),
    });
  });

  it('starts from zero when the run began before the first scrape of the process, and waits for a scrape after it', () => {
    const r = run(at('00'), at('03'));
    expect(countingSpan([r], scrapes)).toMatchObject({ beforeMs: undefined, afterMs: t('06') });
    expect(countingSpan([run(at('22'), at('27'))], scrapes)).toEqual({
      notYet: expect.stringContaining('has not scraped the webapp since'),
    });
  });
});
