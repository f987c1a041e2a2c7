import type { Tx } from '@tenantry/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inventoryLocations, stockLevels, stockTransferLines, stockTransfers } from './schema';

export interface ItemStockRow {
  locationId: string;
  locationName: string;
  onHand: number;
  inTransit: number;
}

/**
 * One item's stock per location: the level, and what is shipped to the
 * location but not yet received. Locations with neither are left out.
 */
export const stockOfItem = async (tx: Tx, tenantId: string, itemId: string): Promise<ItemStockRow[]> => {
  const levels = await tx
    .select({ locationId: stockLevels.locationId, onHand: stockLevels.onHand })
    .from(stockLevels)
    .where(and(eq(stockLevels.tenantId, tenantId), eq(stockLevels.itemId, itemId)));
  const transit = await tx
    .select({
      locationId: stockTransfers.toLocationId,
      inTransit: sql<number>`sum(${stockTransferLines.shippedQuantity} - ${stockTransferLines.receivedQuantity})::int`,
    })
    .from(stockTransferLines)
    .innerJoin(
      stockTransfers,
      and(
        eq(stockTransfers.tenantId, stockTransferLines.tenantId),
        eq(stockTransfers.id, stockTransferLines.transferId),
      ),
    )
    .where(
      and(
        eq(stockTransferLines.tenantId, tenantId),
        eq(stockTransferLines.itemId, itemId),
        inArray(stockTransfers.status, ['shipped', 'partially_received']),
      ),
    )
    .groupBy(stockTransfers.toLocationId);
  const byLocation = new Map<string, { onHand: number; inTransit: number }>();
  for (const level of levels) byLocation.set(level.locationId, { onHand: level.onHand, inTransit: 0 });
  for (const row of transit) {
    if (row.inTransit === 0) continue;
    const entry = byLocation.get(row.locationId) ?? { onHand: 0, inTransit: 0 };
    byLocation.set(row.locationId, { ...entry, inTransit: row.inTransit });
  }
  if (byLocation.size === 0) return [];
  const locations = await tx
    .select({ id: inventoryLocations.id, name: inventoryLocations.name, code: inventoryLocations.code })
    .from(inventoryLocations)
    .where(
      and(eq(inventoryLocations.tenantId, tenantId), inArray(inventoryLocations.id, [...byLocation.keys()])),
    );
  return locations
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((location) => ({
      locationId: location.id,
      locationName: location.name,
      ...(byLocation.get(location.id) ?? { onHand: 0, inTransit: 0 }),
    }));
};
