import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Roles and role assignments: with each tenant's data, under its RLS. */
export const rbacMigrations: MigrationSet = {
  name: 'rbac.tenant',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
};
