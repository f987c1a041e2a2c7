import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Events written in the same transaction as the change they describe. One
 * table per storage (shared, each tenant schema, each tenant database) so the
 * append is atomic in every connection mode; the relay drains them all.
 */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    tenantId: uuid('tenant_id').notNull(),
    eventId: uuid('event_id').notNull(),
    type: text('type').notNull(),
    entityId: text('entity_id').notNull(),
    version: integer('version').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    data: jsonb('data').notNull(),
    trace: jsonb('trace').notNull(),
    status: text('status', { enum: ['pending', 'dispatched', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    /**
     * Set once every handler applied it; a dispatched event never completed is
     * dispatched again. An event no consumer takes is dispatched and completed
     * at once, when the relay claims it (no job, no inbox row).
     */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.eventId] }),
    index('event_outbox_pending_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    index('event_outbox_unfinished_idx')
      .on(table.dispatchedAt)
      .where(sql`${table.status} = 'dispatched' and ${table.completedAt} is null`),
    index('event_outbox_failed_idx').on(table.failedAt).where(sql`${table.status} = 'failed'`),
  ],
);

/** One row per (consumer, event) applied: written in the effect's transaction, so an event applies once. */
export const eventInbox = pgTable(
  'event_inbox',
  {
    tenantId: uuid('tenant_id').notNull(),
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.consumer, table.eventId] })],
);
