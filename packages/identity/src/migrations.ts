import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@tenantry/db';

/** The identity directory (tenants, users, memberships, sessions, ...): shared database only. */
export const identityPlatformMigrations: MigrationSet = {
  name: 'identity.platform',
  folder: fileURLToPath(new URL('../migrations/platform', import.meta.url)),
};

/** Invitations and API keys: with each tenant's data. */
export const identityTenantMigrations: MigrationSet = {
  name: 'identity.tenant',
  folder: fileURLToPath(new URL('../migrations/tenant', import.meta.url)),
};
