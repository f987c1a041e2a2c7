import { defineConfig } from 'vitest/config';

// `pnpm test:load`: mixed tenants at twice the expected peak (LOAD_MINUTES, default 10).
export default defineConfig({
  test: {
    include: ['services/*/test/**/*.load.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60 * 60_000,
    hookTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest-load.json' }]],
  },
});
