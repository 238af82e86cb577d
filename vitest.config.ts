import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          // Main process, worker threads, the shared contract and the preload: plain Node.
          name: 'unit',
          include: ['test/{main,common,preload,scripts,sim,architecture}/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // Renderer logic and zustand slices, with DOM types and a DOM (happy-dom).
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
          // A browser test that fails once is run once more (as Playwright's own runner does on CI);
          // one that fails twice fails the suite. Unit tests are never retried.
          retry: 1,
        },
      },
    ],
  },
});
