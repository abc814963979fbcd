import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'hardware-sim',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests that start real processes (tsx, socat, a simulator) take seconds on a shared 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
