import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `npm run test:compose`: the compose stack started for real on local images (needs root). */
export default defineConfig({
  test: { ...base.test, include: ['test/compose-stack.test.ts'], exclude: ['node_modules/**'] },
});
