import { defineConfig } from 'vitest/config';

/** The long suites run by their own commands (`pnpm test:faults`, `pnpm test:load`). */
export const longSuites = ['**/*.faults.test.ts', '**/*.load.test.ts'];

// One run for the whole workspace: every package's tests share one migrated
// template database, and one JSON report feeds the count CI prints.
export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      '**/src/**/*.spec.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', ...longSuites],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
