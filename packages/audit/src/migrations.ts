import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Tenant-set migrations: the audit trail lives with each tenant's data. */
export const auditMigrations: MigrationSet = {
  name: 'audit.tenant',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
};
