import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: Chromium (playwright-core) against `kingjam serve`.
 * Needs `npm run build` first (the root `npm test` does it). One file at a
 * time: each starts its own server and browser on a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
