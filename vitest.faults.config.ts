import { defineConfig } from 'vitest/config';

// `pnpm test:faults`: the outbox under injected faults (processes killed, Redis
// restarted, connections dropped). Files run one at a time: they kill shared servers.
export default defineConfig({
  test: {
    include: ['services/*/test/**/*.faults.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest-faults.json' }]],
  },
});
