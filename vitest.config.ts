import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          // A hang guard, not a speed target: the CLI tests start many duckdb-wasm processes at once,
          // each now a watched child, and on a 2-core machine under load one took 30+ s.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          // The `workbench` processes tests start record no query history in the user's data folder.
          env: { WORKBENCH_HISTORY: 'off' },
          // The CLI tests run bin/workbench.mjs, which uses the CLI bundle only when it is fresh.
          globalSetup: ['tests/support/cli-bundle-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Finds the browser once and prints it; no browser = one line saying what to install.
          globalSetup: ['tests/support/browser-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
