import type { Tx } from '@tenantry/db';
import { and, eq, sql } from 'drizzle-orm';
import { type MovementType, stockAlerts, stockLevels, stockMovements } from './schema';

export type MovementRow = typeof stockMovements.$inferSelect;
export type AlertRow = typeof stockAlerts.$inferSelect;

/**
 * Adds a signed quantity to a level, creating it at zero first. The upsert
 * takes the level's row lock, so concurrent movements of one item and
 * location queue here and each sees the level the previous one left.
 * Returns the level after, and whether this call created it.
 */
export const addToLevel = async (
  tx: Tx,
  key: { tenantId: string; itemId: string; locationId: string },
  quantity: number,
  at: Date,
): Promise<{ onHand: number; created: boolean }> => {
  const [row] = await tx
    .insert(stockLevels)
    .values({ ...key, onHand: quantity, updatedAt: at })
    .onConflictDoUpdate({
      target: [stockLevels.tenantId, stockLevels.itemId, stockLevels.locationId],
      set: { onHand: sql`${stockLevels.onHand} + ${quantity}`, updatedAt: at },
    })
    // xmax is 0 on a row version this statement inserted (not one it updated).
    .returning({ onHand: stockLevels.onHand, created: sql<boolean>`(xmax = 0)` });
  return { onHand: row?.onHand ?? quantity, created: row?.created ?? true };
};

export const insertMovements = async (
  tx: Tx,
  rows: (typeof stockMovements.$inferInsert)[],
): Promise<void> => {
  if (rows.length > 0) await tx.insert(stockMovements).values(rows);
};

/** Whether movements of a type were already recorded for a source document (a sale, a refund). */
export const hasMovementsFrom = async (
  tx: Tx,
  tenantId: string,
  type: MovementType,
  sourceId: string,
): Promise<boolean> =>
  (
    await tx
      .select({ id: stockMovements.id })
      .from(stockMovements)
      .where(
        and(
          eq(stockMovements.tenantId, tenantId),
          eq(stockMovements.sourceId, sourceId),
          eq(stockMovements.type, type),
        ),
      )
      .limit(1)
  ).length > 0;

/** Opens a low-stock alert unless one is open for the item and location; true when this call opened it. */
export const openAlert = async (tx: Tx, row: typeof stockAlerts.$inferInsert): Promise<boolean> =>
  (
    await tx
      .insert(stockAlerts)
      .values(row)
      .onConflictDoNothing({
        target: [stockAlerts.tenantId, stockAlerts.itemId, stockAlerts.locationId],
        where: sql`${stockAlerts.status} = 'open'`,
      })
      .returning({ id: stockAlerts.id })
  ).length === 1;

/** Clears the open alert of an item and location; returns it, or null when none was open. */
export const clearAlert = async (
  tx: Tx,
  key: { tenantId: string; itemId: string; locationId: string },
  at: Date,
): Promise<AlertRow | null> =>
  (
    await tx
      .update(stockAlerts)
      .set({ status: 'cleared', clearedAt: at })
      .where(
        and(
          eq(stockAlerts.tenantId, key.tenantId),
          eq(stockAlerts.itemId, key.itemId),
          eq(stockAlerts.locationId, key.locationId),
          eq(stockAlerts.status, 'open'),
        ),
      )
      .returning()
  )[0] ?? null;

/**
 * Locks the levels of items at one location for the caller's change,
 * creating missing ones at zero so that a movement arriving meanwhile
 * queues behind the lock instead of inserting the row under the caller.
 * Rows are taken in the ledger's (item, location) order, so this cannot
 * deadlock with `recordMovements`. Returns the levels by item id.
 */
export const lockLevelsAt = async (
  tx: Tx,
  tenantId: string,
  locationId: string,
  itemIds: readonly string[],
  at: Date,
): Promise<Map<string, number>> => {
  if (itemIds.length === 0) return new Map();
  const ordered = [...new Set(itemIds)].sort((a, b) =>
    `${a}|${locationId}`.localeCompare(`${b}|${locationId}`),
  );
  const rows = await tx
    .insert(stockLevels)
    .values(ordered.map((itemId) => ({ tenantId, itemId, locationId, onHand: 0, updatedAt: at })))
    .onConflictDoUpdate({
      target: [stockLevels.tenantId, stockLevels.itemId, stockLevels.locationId],
      // No change: the conflict update is only there to take the row lock.
      set: { onHand: sql`${stockLevels.onHand}` },
    })
    .returning({ itemId: stockLevels.itemId, onHand: stockLevels.onHand });
  return new Map(rows.map((row) => [row.itemId, row.onHand]));
};

/** One item's levels, locked in location order (the ledger's order) for a change that depends on them. */
export const lockLevelsOfItem = (
  tx: Tx,
  tenantId: string,
  itemId: string,
): Promise<{ locationId: string; onHand: number }[]> =>
  tx
    .select({ locationId: stockLevels.locationId, onHand: stockLevels.onHand })
    .from(stockLevels)
    .where(and(eq(stockLevels.tenantId, tenantId), eq(stockLevels.itemId, itemId)))
    .orderBy(stockLevels.locationId)
    .for('update');
