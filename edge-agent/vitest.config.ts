import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'edge-agent',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
