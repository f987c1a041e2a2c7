import type { RequestMeta } from '@tenantry/audit';
import { type Principal, tenantScopeOf } from '@tenantry/core';
import type { InventoryDeps } from './deps';
import { inventoryErrors } from './errors';
import { findItem } from './items.repository';
import { itemsForSale } from './items.service';
import { recordMovements } from './ledger';
import { requireLocation } from './locations.service';
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
