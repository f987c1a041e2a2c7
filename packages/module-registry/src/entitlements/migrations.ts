import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Plans, tenant plans, usage counters and soft-limit warnings: shared database only. */
export const entitlementsMigrations: MigrationSet = {
  name: 'module-registry.entitlements',
  folder: fileURLToPath(new URL('../../migrations/entitlements', import.meta.url)),
};
