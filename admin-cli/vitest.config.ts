import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'admin-cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each test starts the real bin (tsx compiles it) against an HQ on PGlite: seconds on a shared machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
