import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { defaultConcurrency, parseTrafficOptions, type TrafficInput } from './options.js';

const parse = (input: Partial<TrafficInput>) =>
  parseTrafficOptions({ mode: 'quick', argument: undefined, ...input });

describe('parseTrafficOptions', () => {
  it('fills in the defaults', () => {
    expect(parse({})).toEqual({
      mode: 'quick',
      count: undefined,
      seed: undefined,
      timeScale: 1,
      concurrency: defaultConcurrency,
      floodSeconds: 5,
      floodPath: '/health',
      ratePerSecond: undefined,
    });
  });

  it('reads every flag', () => {
    expect(
      parse({
        mode: 'flood',
        seed: '4294967295',
        timeScale: '0.1',
        concurrency: '64',
        duration: '2.5',
        rate: '100',
        path: '/error?rate=10',
      }),
    ).toMatchObject({
      mode: 'flood',
      seed: 4_294_967_295,
      timeScale: 0.1,
      concurrency: 64,
      floodSeconds: 2.5,
      ratePerSecond: 100,
      floodPath: '/error?rate=10',
    });
  });

  it.each([
    [{ timeScale: '0' }, '--time-scale must be a number from 0.001 to 1 (got "0")'],
    [{ timeScale: '1.5' }, '--time-scale must be a number from 0.001 to 1 (got "1.5")'],
    [{ timeScale: 'fast' }, '--time-scale must be a number from 0.001 to 1 (got "fast")'],
    // 1e-9 is above 0: the message must name the real lower bound.
    [{ timeScale: '1e-9' }, '--time-scale must be a number from 0.001 to 1 (got "1e-9")'],
    [{ seed: '-1' }, '--seed must be a whole number from 0 to 4294967295 (got "-1")'],
    [{ seed: '1.5' }, '--seed must be a whole number from 0 to 4294967295 (got "1.5")'],
    [{ seed: '4294967296' }, '--seed must be a whole number from 0 to 4294967295 (got "4294967296")'],
    [{ concurrency: '0' }, '--concurrency must be a whole number from 1 to 1024 (got "0")'],
    [{ duration: '0' }, '--duration must be a positive number of seconds (got "0")'],
    [{ path: 'health' }, '--path must start with / (for example /health) (got "health")'],
    [{ baseUrl: 'localhost:3001' }, '--base-url must be an http:// or https:// URL (got "localhost:3001")'],
    [{ argument: '5' }, 'mode quick takes no [count] argument (got "5")'],
    [{ mode: 'cpu', argument: '2.5' }, 'cpu [count] must be a whole number from 1 to 1,000,000 (got "2.5")'],
    [
      { mode: 'cpu', argument: '999999999999' },
      'cpu [count] must be a whole number from 1 to 1,000,000 (got "999999999999")',
    ],
    [
      { mode: 'sustained', argument: '-3' },
      'sustained [seconds] must be a number of seconds above 0 and at most 1,000,000 (got "-3")',
    ],
    [
      { mode: 'sustained', argument: '60', duration: '30' },
      'give the sustained duration once: as [seconds] or as --duration, not both',
    ],
    [{ mode: 'users' }, 'unknown traffic mode "users"'],
  ] satisfies [Partial<TrafficInput>, string][])('%o is a usage error: %s', (input, message) => {
    expect(() => parse(input)).toThrow(UsageError);
    expect(() => parse(input)).toThrow(message);
  });

  it('takes counts and durations where the mode has them', () => {
    expect(parse({ mode: 'cpu', argument: '3' }).count).toBe(3);
    expect(parse({ mode: 'sustained', argument: '1.5' }).count).toBe(1.5);
    expect(parse({ mode: 'sustained', duration: '30' }).count).toBe(30);
    expect(parse({ mode: 'scenarios' }).mode).toBe('demo');
  });
});
