import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Inventory's tables: with each tenant's data, under its RLS. */
export const inventoryMigrations: MigrationSet = {
  name: 'inventory.tenant',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
};
