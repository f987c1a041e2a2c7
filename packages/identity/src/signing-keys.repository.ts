import type { Tx } from '@tenantry/db';
import { desc, isNull } from 'drizzle-orm';
import { signingKeys } from './schema/platform';

export const listLiveSigningKeys = (tx: Tx) =>
  tx.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt));

export const insertSigningKey = async (tx: Tx, row: typeof signingKeys.$inferInsert): Promise<void> => {
  await tx.insert(signingKeys).values(row).onConflictDoNothing();
};
