import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail, range-partitioned by month on created_at (the
 * migration adds PARTITION BY; drizzle-kit cannot express it). The partition
 * key is part of the primary key, as Postgres requires.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    module: text('module').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    diff: jsonb('diff'),
    requestId: text('request_id'),
    metadata: jsonb('metadata'),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.createdAt, table.id] })],
);
