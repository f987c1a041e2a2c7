import { boolean, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Per-tenant overrides and a percentage rollout; see evaluateFlag for the order they apply in. */
export interface FlagRules {
  tenants: Record<string, boolean>;
  rollout: { percentage: number } | null;
}

/** Global feature flags (platform): a default, per-tenant overrides and a sticky rollout. */
export const featureFlags = pgTable('feature_flags', {
  key: text('key').primaryKey(),
  description: text('description').notNull(),
  defaultEnabled: boolean('default_enabled').notNull().default(false),
  rules: jsonb('rules').$type<FlagRules>().notNull().default({ tenants: {}, rollout: null }),
  /** Archived flags are no longer evaluated; the key stays taken so history keeps one meaning. */
  archived: boolean('archived').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
