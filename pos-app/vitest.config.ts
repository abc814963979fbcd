import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'pos-app',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser tests start HQ, the simulator, the lane host and Chromium: one file at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
