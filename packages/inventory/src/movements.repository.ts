import type { Tx } from '@tenantry/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { stockMovements } from './schema';

export type MovementRecordRow = typeof stockMovements.$inferSelect;

/** A page of the ledger, newest first, after the cursor's (created_at, id). */
export const listMovements = (
  tx: Tx,
  tenantId: string,
  query: { itemId?: string; locationId?: string; after?: { at: Date; id: string }; limit: number },
): Promise<MovementRecordRow[]> =>
  tx
    .select()
    .from(stockMovements)
    .where(
      and(
        eq(stockMovements.tenantId, tenantId),
        query.itemId ? eq(stockMovements.itemId, query.itemId) : undefined,
        query.locationId ? eq(stockMovements.locationId, query.locationId) : undefined,
        query.after
          ? sql`(${stockMovements.createdAt}, ${stockMovements.id}) < (${query.after.at.toISOString()}::timestamptz, ${query.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(query.limit);
