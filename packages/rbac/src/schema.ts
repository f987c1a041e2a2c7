import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * A tenant's roles: the built-in profiles (seeded on provisioning, `key` set,
 * permissions taken from the module registry's defaults at read time) and
 * custom roles (`key` null, permissions stored here).
 */
export const roles = pgTable(
  'roles',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    /** The built-in profile key (owner, admin, ...); null for a custom role. */
    key: text('key'),
    name: text('name').notNull(),
    /** Position in the hierarchy: nobody grants or edits a role ranked above their own. */
    rank: integer('rank').notNull(),
    /** A custom role's permissions; empty for built-in roles (the registry's defaults apply). */
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    builtIn: boolean('built_in').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('roles_name_key').on(table.tenantId, sql`lower(${table.name})`),
    uniqueIndex('roles_built_in_key').on(table.tenantId, table.key).where(sql`${table.key} is not null`),
    check('roles_built_in_has_key', sql`${table.builtIn} = (${table.key} is not null)`),
    check('roles_rank_positive', sql`${table.rank} > 0`),
  ],
);

/**
 * Who holds which role, tenant-wide (`location_id` null) or at one location
 * (branch, store). A (user, role, location) triple is held once, a null
 * location counting as a value.
 */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
    locationId: uuid('location_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    unique('role_assignments_holder_key')
      .on(table.tenantId, table.userId, table.roleId, table.locationId)
      .nullsNotDistinct(),
    index('role_assignments_role_idx').on(table.tenantId, table.roleId),
    foreignKey({
      name: 'role_assignments_role_fk',
      columns: [table.tenantId, table.roleId],
      foreignColumns: [roles.tenantId, roles.id],
    }),
  ],
);
