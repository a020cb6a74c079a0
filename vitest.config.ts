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
    // The compose stack started for real runs after the rest, alone (vitest.compose.config.ts):
    // it publishes the stack's fixed ports, which other tests must not race for.
    exclude: ['test/compose-stack.test.ts', 'node_modules/**'],
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
    globalSetup: ['test/setup/ensure-prometheus.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
