import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'cloud-sync/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Worker processes, ffmpeg and databases: run files in separate forks, two at a time on a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
