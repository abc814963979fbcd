import { defineProject } from 'vitest/config';

// The short simulated trading day (simulate-day/simulate-day.test.ts) runs here on a fixed seed (972879, the
// day that found the foreign-document stall, see simulate-day/README.md); `npm run test:simulate-day` runs it
// alone on a new random seed each time.
export default defineProject({
  test: {
    name: 'scripts',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
