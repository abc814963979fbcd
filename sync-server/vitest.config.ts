import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sync-server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Starting an embedded PGlite takes seconds on a shared 2-core machine: generous setup budgets.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
