import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Electron's main process and preload, bundled for packaging (`npm run build:electron`): the main as ESM
 * with native addons left external (electron-builder rebuilds them for Electron's ABI),
 */
const external = [
  'electron',
  'serialport',
  /^@serialport\//,
  'node-hid',
  'usb',
  'better-sqlite3',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

// Two passes (ELECTRON_PART=main, then preload): a sandboxed preload cannot require a shared chunk.
const part = process.env.ELECTRON_PART === 'preload' ? 'preload' : 'main';
const entry = part === 'main' ? './src/electron/electron-entry.ts' : './src/electron/preload-entry.ts';

export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./dist/electron', import.meta.url)),
    emptyOutDir: part === 'main',
    target: 'node20',
    ssr: true,
    rollupOptions: {
      input: { [part]: fileURLToPath(new URL(entry, import.meta.url)) },
      external,
      output: [{ format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' }],
    },
  },
});
