import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'cli/**/*.test.ts',
      'webapp/**/*.test.ts',
      'exercises/**/*.test.ts',
      'stack/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
    globalSetup: ['test/setup/ensure-prometheus.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
