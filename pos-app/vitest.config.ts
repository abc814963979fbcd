import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'pos-app',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
