import type { Tx } from '@tenantry/db';
import { desc, eq } from 'drizzle-orm';
import { devMailbox } from './schema';

export type DevMailRow = typeof devMailbox.$inferSelect;

export const insertDevMail = async (tx: Tx, row: DevMailRow): Promise<void> => {
  await tx.insert(devMailbox).values(row);
};

/** Newest first; ids are time-ordered, so they break ties of the same instant. */
export const selectDevMail = (tx: Tx, filter: { recipient?: string }, limit: number): Promise<DevMailRow[]> =>
  tx
    .select()
    .from(devMailbox)
    .where(filter.recipient === undefined ? undefined : eq(devMailbox.recipient, filter.recipient))
    .orderBy(desc(devMailbox.createdAt), desc(devMailbox.id))
    .limit(limit);
