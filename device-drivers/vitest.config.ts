import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'device-drivers',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
