import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests, and browser (Playwright + Debian Chromium) tests.
export default defineConfig({
  test: {
    // One scratch TMPDIR per run, removed at its end (test/temp-root.ts).
    globalSetup: ['test/temp-root.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
