import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3001,
      host: '127.0.0.1',
      statsdHost: undefined,
      statsdPort: 9125,
      maxDelaySeconds: 60,
      maxCpuIterations: 5_000_000,
      maxMemoryMb: 200,
      memoryBudgetMb: 512,
      memoryHoldMs: 1000,
      instrumentation: true,
      maxUnknownPaths: 20,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      STATSD_HOST: 'statsd',
      STATSD_PORT: '8125',
      MAX_DELAY_SECONDS: '2.5',
      MAX_CPU_ITERATIONS: '10',
      MAX_MEMORY_MB: '5',
      MEMORY_BUDGET_MB: '6',
      MEMORY_HOLD_MS: '0',
      WEBAPP_INSTRUMENTATION: 'off',
      MAX_UNKNOWN_PATHS: '0',
      SHUTDOWN_TIMEOUT_MS: '1',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      statsdHost: 'statsd',
      statsdPort: 8125,
      maxDelaySeconds: 2.5,
      maxCpuIterations: 10,
      maxMemoryMb: 5,
      memoryBudgetMb: 6,
      memoryHoldMs: 0,
      instrumentation: false,
      maxUnknownPaths: 0,
      shutdownTimeoutMs: 1,
    });
  });

  it('treats an empty STATSD_HOST as unset', () => {
    expect(loadConfig({ STATSD_HOST: '' }).statsdHost).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '65536' }, 'PORT must be an integer from 0 to 65535 (got "65536")'],
    [{ PORT: '-1' }, 'PORT must be an integer from 0 to 65535'],
    [{ STATSD_PORT: '0' }, 'STATSD_PORT must be an integer from 1 to 65535'],
    [{ MAX_DELAY_SECONDS: '0' }, 'MAX_DELAY_SECONDS must be a number above 0'],
    [{ MEMORY_HOLD_MS: '1.5' }, 'MEMORY_HOLD_MS must be an integer'],
    [{ WEBAPP_INSTRUMENTATION: 'yes' }, 'WEBAPP_INSTRUMENTATION must be on or off (got "yes")'],
    [{ HOST: ' ' }, 'HOST must not be empty'],
    [{ MAX_MEMORY_MB: '600' }, 'MAX_MEMORY_MB must not exceed MEMORY_BUDGET_MB'],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
