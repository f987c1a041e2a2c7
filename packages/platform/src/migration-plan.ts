import { auditMigrations } from '@tenantry/audit';
import { type MigrationPlan, platformMigrations, tenantMigrations } from '@tenantry/db';
import { identityPlatformMigrations, identityTenantMigrations } from '@tenantry/identity';
import { inventoryMigrations } from '@tenantry/inventory';
import { mailMigrations } from '@tenantry/mail';
import { catalogueMigrations, entitlementsMigrations, flagMigrations } from '@tenantry/module-registry';
import { outboxMigrations } from '@tenantry/outbox';
import { posMigrations } from '@tenantry/pos';
import { rbacMigrations } from '@tenantry/rbac';

/**
 * Every package's migration sets in dependency order. Platform sets run once
 * on the shared database; tenant sets run wherever tenant data lives.
 */
export const migrationPlan: MigrationPlan = {
  platform: [
    platformMigrations,
    mailMigrations,
    identityPlatformMigrations,
    catalogueMigrations,
    entitlementsMigrations,
    flagMigrations,
  ],
  tenant: [
    tenantMigrations,
    outboxMigrations,
    auditMigrations,
    identityTenantMigrations,
    rbacMigrations,
    inventoryMigrations,
    posMigrations,
  ],
};
