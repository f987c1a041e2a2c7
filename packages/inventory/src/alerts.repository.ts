import type { Tx } from '@tenantry/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { inventoryItems, stockAlerts } from './schema';

export interface AlertListRow {
  id: string;
  itemId: string;
  sku: string;
  locationId: string;
  status: 'open' | 'cleared';
  onHand: number;
  reorderPoint: number;
  openedAt: Date;
  clearedAt: Date | null;
}

/** A page of low-stock alerts, newest opened first, after the cursor's (opened_at, id). */
export const listAlerts = (
  tx: Tx,
  tenantId: string,
  query: {
    status?: 'open' | 'cleared';
    locationId?: string;
    after?: { at: Date; id: string };
    limit: number;
  },
): Promise<AlertListRow[]> =>
  tx
    .select({
      id: stockAlerts.id,
      itemId: stockAlerts.itemId,
      sku: inventoryItems.sku,
      locationId: stockAlerts.locationId,
      status: stockAlerts.status,
      onHand: stockAlerts.onHand,
      reorderPoint: stockAlerts.reorderPoint,
      openedAt: stockAlerts.openedAt,
      clearedAt: stockAlerts.clearedAt,
    })
    .from(stockAlerts)
    .innerJoin(
      inventoryItems,
      and(eq(inventoryItems.tenantId, stockAlerts.tenantId), eq(inventoryItems.id, stockAlerts.itemId)),
    )
    .where(
      and(
        eq(stockAlerts.tenantId, tenantId),
        query.status ? eq(stockAlerts.status, query.status) : undefined,
        query.locationId ? eq(stockAlerts.locationId, query.locationId) : undefined,
        query.after
          ? sql`(${stockAlerts.openedAt}, ${stockAlerts.id}) < (${query.after.at.toISOString()}::timestamptz, ${query.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(stockAlerts.openedAt), desc(stockAlerts.id))
    .limit(query.limit);
