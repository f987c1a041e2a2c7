import { boolean, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ModuleDefinition } from '../catalogue.contracts';

/** The module catalogue (platform): module-registry.json plus what superadmins add or edit. */
export const moduleRegistryEntries = pgTable('module_registry_entries', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  core: boolean('core').notNull(),
  features: jsonb('features').$type<ModuleDefinition['features']>().notNull(),
  permissions: jsonb('permissions').$type<ModuleDefinition['permissions']>().notNull(),
  /** active | retired: a retired module is off for everyone and its permissions are gone. */
  status: text('status').notNull().default('active'),
  /** catalogue (from the JSON file) | custom (added by a superadmin). */
  source: text('source').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Per-tenant switch of a non-core module; no row means on. */
export const tenantModules = pgTable(
  'tenant_modules',
  {
    tenantId: uuid('tenant_id').notNull(),
    moduleKey: text('module_key').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.moduleKey] })],
);
