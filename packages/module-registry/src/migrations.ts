import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** The module catalogue and per-tenant module switches: shared database only. */
export const catalogueMigrations: MigrationSet = {
  name: 'module-registry.catalogue',
  folder: fileURLToPath(new URL('../migrations/catalogue', import.meta.url)),
};
