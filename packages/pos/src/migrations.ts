import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Pos's tables: with each tenant's data, under its RLS. */
export const posMigrations: MigrationSet = {
  name: 'pos.tenant',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
};
