import type { RequestMeta } from '@tenantry/audit';
import { type Principal, tenantScopeOf } from '@tenantry/core';
import { encodeNewestFirstCursor } from './contracts';
import type { InventoryDeps } from './deps';
import { inventoryErrors } from './errors';
import { findItem } from './items.repository';
import { itemsForSale } from './items.service';
import { recordMovements } from './ledger';
import { requireLocation } from './locations.service';
import { listMovements as listMovementRows, type MovementRecordRow } from './movements.repository';
import { inventoryPermissions } from './permissions';
import { stockOfItem } from './stock.repository';

/**
 * POST /v1/inventory/movements: a receipt of goods (adds stock) or an
 * adjustment (either way, with its reason). An adjustment that would take a
 * level below zero is refused unless the tenant allows negative stock.
 */
export const createMovement = async (
  deps: InventoryDeps,
  principal: Principal,
  input: { type: 'receive' | 'adjust'; itemId: string; locationId: string; quantity: number; reason: string },
  meta: RequestMeta,
) => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.stockAdjust, input.locationId);
  return deps.router.withTenant(tenantId, async (tx) => {
    await requireLocation(tx, tenantId, input.locationId);
    await itemsForSale(tx, tenantId, [input.itemId]);
    const id = deps.newId();
    const [movement] = await recordMovements(
      tx,
      deps,
      { tenantId, principal, meta },
      {
        movements: [
          {
            itemId: input.itemId,
            locationId: input.locationId,
            type: input.type === 'receive' ? 'receive' : 'adjustment',
            quantity: input.quantity,
            reason: input.reason,
          },
        ],
        source: { type: input.type === 'receive' ? 'goods_receipt' : 'adjustment', id },
        shortfall: 'refuse',
      },
    );
    if (!movement) throw inventoryErrors.invalid('No movement recorded');
    return movement;
  });
};

/** GET /v1/inventory/items/:id/stock: levels per location, with stock in transit and the low flag. */
export const itemStock = async (deps: InventoryDeps, principal: Principal, itemId: string) => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.stockRead);
  return deps.router.withTenant(tenantId, async (tx) => {
    const item = await findItem(tx, tenantId, itemId);
    if (!item) throw inventoryErrors.notFound('Item');
    return (await stockOfItem(tx, tenantId, itemId)).map((row) => ({
      ...row,
      reorderPoint: item.reorderPoint,
      low: row.onHand <= item.reorderPoint,
    }));
  });
};

const movementRecordView = (row: MovementRecordRow) => ({
  id: row.id,
  itemId: row.itemId,
  locationId: row.locationId,
  type: row.type,
  quantity: row.quantity,
  reason: row.reason,
  actorType: row.actorType,
  actorId: row.actorId,
  sourceType: row.sourceType,
  sourceId: row.sourceId,
  flaggedForReview: row.flaggedForReview,
  createdAt: row.createdAt,
});
export type MovementRecordView = ReturnType<typeof movementRecordView>;

/**
 * GET /v1/inventory/movements: the ledger, newest first, in cursor pages,
 * optionally of one item and/or one location. Filtered to one location, a
 * role held there is enough.
 */
export const listMovements = async (
  deps: InventoryDeps,
  principal: Principal,
  query: { itemId?: string; locationId?: string; cursor?: { at: Date; id: string }; limit: number },
): Promise<{ items: MovementRecordView[]; nextCursor: string | null }> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.stockRead, query.locationId);
  const rows = await deps.router.withTenant(tenantId, (tx) =>
    listMovementRows(tx, tenantId, { ...query, after: query.cursor, limit: query.limit + 1 }),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(movementRecordView),
    nextCursor:
      rows.length > query.limit && last ? encodeNewestFirstCursor({ at: last.createdAt, id: last.id }) : null,
  };
};
