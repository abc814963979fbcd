import { defineConfig } from 'vitest/config';

// One run over every workspace, so `npm test` prints a single summary.
export default defineConfig({
  test: {
    projects: [
      'core',
      'storage-sqlite',
      'device-drivers',
      'hardware-sim',
      'sync-client',
      'sync-server',
      'edge-agent',
      'pos-app',
      'admin-cli',
      'scripts',
    ],
  },
});
