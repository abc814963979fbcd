import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'hardware-sim',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
