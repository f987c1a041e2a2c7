import type { Tx } from '@tenantry/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { stockCountLines, stockCounts } from './schema';

export type CountRow = typeof stockCounts.$inferSelect;
export type CountLineRow = typeof stockCountLines.$inferSelect;

export const insertCount = async (tx: Tx, row: CountRow): Promise<void> => {
  await tx.insert(stockCounts).values(row);
};

/**
 * One count. With `lock` its row is held (FOR UPDATE) until the caller's
 * transaction ends: entering lines and finalizing take it first, so a
 * count is finalized once and no line slips in beside the finalize.
 */
export const findCount = async (
  tx: Tx,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<CountRow | null> => {
  const query = tx
    .select()
    .from(stockCounts)
    .where(and(eq(stockCounts.tenantId, tenantId), eq(stockCounts.id, id)));
  return (await (options.lock ? query.for('update') : query))[0] ?? null;
};

/** A count's lines by item id. */
export const findCountLines = (
  tx: Tx,
  tenantId: string,
  countId: string,
  itemIds?: readonly string[],
): Promise<CountLineRow[]> =>
  tx
    .select()
    .from(stockCountLines)
    .where(
      and(
        eq(stockCountLines.tenantId, tenantId),
        eq(stockCountLines.countId, countId),
        itemIds ? inArray(stockCountLines.itemId, [...itemIds]) : undefined,
      ),
    )
    .orderBy(asc(stockCountLines.itemId));

/** Enters counted quantities; an item counted again replaces its earlier count. */
export const upsertCountLines = async (tx: Tx, rows: CountLineRow[]): Promise<void> => {
  if (rows.length === 0) return;
  await tx
    .insert(stockCountLines)
    .values(rows)
    .onConflictDoUpdate({
      target: [stockCountLines.tenantId, stockCountLines.countId, stockCountLines.itemId],
      set: {
        countedQuantity: sql`excluded.counted_quantity`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
};

export const setCountLineResult = async (
  tx: Tx,
  key: { tenantId: string; countId: string; itemId: string },
  result: { expectedQuantity: number; difference: number; updatedAt: Date },
): Promise<void> => {
  await tx
    .update(stockCountLines)
    .set(result)
    .where(
      and(
        eq(stockCountLines.tenantId, key.tenantId),
        eq(stockCountLines.countId, key.countId),
        eq(stockCountLines.itemId, key.itemId),
      ),
    );
};

export const markFinalized = async (tx: Tx, tenantId: string, countId: string, at: Date): Promise<void> => {
  await tx
    .update(stockCounts)
    .set({ status: 'finalized', finalizedAt: at })
    .where(and(eq(stockCounts.tenantId, tenantId), eq(stockCounts.id, countId)));
};
