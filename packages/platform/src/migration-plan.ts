import { auditMigrations } from '@tenantry/audit';
import { type MigrationPlan, platformMigrations, tenantMigrations } from '@tenantry/db';
import { outboxMigrations } from '@tenantry/outbox';

/**
 * Every package's migration sets in dependency order. Platform sets run once
 * on the shared database; tenant sets run wherever tenant data lives.
 */
export const migrationPlan: MigrationPlan = {
  platform: [platformMigrations],
  tenant: [tenantMigrations, outboxMigrations, auditMigrations],
};
