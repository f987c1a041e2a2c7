import { bigint, boolean, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PlanLimits } from './entitlements.contracts';

/** Plans (platform): what each quota allows. Billing will own plans later; this is the table it starts from. */
export const plans = pgTable('plans', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  /** Every quota: { soft, hard }, null meaning no limit. */
  limits: jsonb('limits').$type<PlanLimits>().notNull(),
  /** An archived plan can no longer be assigned; tenants on it keep it. */
  archived: boolean('archived').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A tenant's plan (platform); no row means the default plan. */
export const tenantPlans = pgTable('tenant_plans', {
  tenantId: uuid('tenant_id').primaryKey(),
  planKey: text('plan_key')
    .notNull()
    .references(() => plans.key),
  assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Counted usage (platform): one row per tenant, quota and period ('' for gauges, 'YYYY-MM' for monthly counters). */
export const usageCounters = pgTable(
  'usage_counters',
  {
    tenantId: uuid('tenant_id').notNull(),
    quota: text('quota').notNull(),
    period: text('period').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.quota, table.period] })],
);

/**
 * Soft-limit warnings (platform): the last one emitted per tenant, quota and
 * period. Usage found past the soft limit with no row here (the limit was
 * lowered) warns once; a crossing from at-or-under it replaces the row.
 */
export const quotaWarnings = pgTable(
  'quota_warnings',
  {
    tenantId: uuid('tenant_id').notNull(),
    quota: text('quota').notNull(),
    period: text('period').notNull(),
    softLimit: bigint('soft_limit', { mode: 'number' }).notNull(),
    used: bigint('used', { mode: 'number' }).notNull(),
    warnedAt: timestamp('warned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.quota, table.period] })],
);
