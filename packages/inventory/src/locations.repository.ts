import type { Tx } from '@tenantry/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { inventoryLocations } from './schema';

export type LocationRow = typeof inventoryLocations.$inferSelect;

/** Inserts a location; false when its code is taken. */
export const insertLocation = async (tx: Tx, row: typeof inventoryLocations.$inferInsert): Promise<boolean> =>
  (
    await tx
      .insert(inventoryLocations)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: inventoryLocations.id })
  ).length === 1;

export const findLocation = async (tx: Tx, tenantId: string, id: string): Promise<LocationRow | null> =>
  (
    await tx
      .select()
      .from(inventoryLocations)
      .where(and(eq(inventoryLocations.tenantId, tenantId), eq(inventoryLocations.id, id)))
  )[0] ?? null;

export const listLocations = (tx: Tx, tenantId: string): Promise<LocationRow[]> =>
  tx
    .select()
    .from(inventoryLocations)
    .where(eq(inventoryLocations.tenantId, tenantId))
    .orderBy(asc(sql`lower(${inventoryLocations.code})`));

export const countActiveLocations = async (tx: Tx, tenantId: string): Promise<number> =>
  (
    await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(inventoryLocations)
      .where(and(eq(inventoryLocations.tenantId, tenantId), eq(inventoryLocations.active, true)))
  )[0]?.count ?? 0;
