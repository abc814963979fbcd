import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'edge-agent',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real processes and real HQ databases: each file starts its own, one file at a time on a 2-core box.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
