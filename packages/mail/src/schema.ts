import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Development mailbox: with no SMTP server configured, outgoing mail is kept
 * here to be read back. A platform table (shared database, no RLS): platform
 * work reaches it, and it holds mail of every tenant.
 */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: uuid('id').primaryKey(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    template: text('template').notNull(),
    tenantId: uuid('tenant_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('dev_mailbox_recipient_idx').on(table.recipient, table.createdAt)],
);
