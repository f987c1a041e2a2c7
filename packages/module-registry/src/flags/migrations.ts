import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Global feature flags: shared database only. */
export const flagMigrations: MigrationSet = {
  name: 'module-registry.flags',
  folder: fileURLToPath(new URL('../../migrations/flags', import.meta.url)),
};
