import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** Tenant-set migrations: event_outbox and event_inbox live wherever a tenant's data lives. */
export const outboxMigrations: MigrationSet = {
  name: 'outbox.tenant',
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
};
