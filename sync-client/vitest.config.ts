import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sync-client',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Property runs and real sockets take seconds when a shared 2-core machine is busy.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
