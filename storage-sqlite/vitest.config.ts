import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'storage-sqlite',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
