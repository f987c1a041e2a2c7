import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Platform tables live in the shared database only, outside RLS, and are
 * reached through platform (superadmin or system) work.
 */
export const tenantConnectionProfiles = pgTable(
  'tenant_connection_profiles',
  {
    tenantId: uuid('tenant_id').primaryKey(),
    mode: text('mode', { enum: ['shared', 'schema', 'database'] }).notNull(),
    schemaName: text('schema_name'),
    databaseName: text('database_name'),
    host: text('host'),
    port: integer('port'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('tenant_connection_profiles_mode_check', sql`${table.mode} in ('shared', 'schema', 'database')`),
    check(
      'tenant_connection_profiles_target_check',
      sql`(${table.mode} = 'shared') or (${table.mode} = 'schema' and ${table.schemaName} is not null) or (${table.mode} = 'database' and ${table.databaseName} is not null)`,
    ),
  ],
);
