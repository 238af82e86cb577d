import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // Electron entry; the loopback HTTP host entry (`npm run serve`); the SQLite worker.
          index: resolve('main/electron/index.ts'),
          serve: resolve('main/server/serve.ts'),
          'store-worker': resolve('main/store-worker/entry.ts'),
          // The sync worker: connectors' pulls (HTTP, parse, normalise) off the main thread.
          'sync-worker': resolve('main/sync-worker/entry.ts'),
          // The `trailkeeper` command line (package.json bin → main/cli/bin.mjs).
          cli: resolve('main/cli/trailkeeper.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // A sandboxed preload can only be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // Loaded from disk or loopback, but parse time still counts: the first chunk 792 kB → 335 kB.
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
