import { type RequestMeta, recordChange } from '@tenantry/audit';
import { type Principal, tenantScopeOf } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { encodeItemCursor } from './contracts';
import type { InventoryDeps } from './deps';
import { inventoryErrors } from './errors';
import { inventoryEvents } from './events';
import {
  findItem,
  findItems,
  type ItemRow,
  insertItem,
  listItems as listItemRows,
  updateItem as updateItemRow,
} from './items.repository';
import { reconcileAlert } from './ledger';
import { lockLevelsOfItem } from './ledger.repository';
import { inventoryPermissions } from './permissions';

export const itemView = (row: ItemRow) => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  unit: row.unit,
  barcode: row.barcode,
  price: row.price,
  taxCategory: row.taxCategory,
  reorderPoint: row.reorderPoint,
  status: row.status,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
export type ItemView = ReturnType<typeof itemView>;

const stateOf = (row: ItemRow) => {
  const { id: _id, tenantId: _tenant, createdAt: _created, updatedAt: _updated, ...state } = row;
  return state;
};

/** POST /v1/inventory/items. */
export const createItem = async (
  deps: InventoryDeps,
  principal: Principal,
  input: {
    sku: string;
    name: string;
    unit: string;
    price: number;
    reorderPoint: number;
    barcode?: string | null;
    taxCategory: string;
  },
  meta: RequestMeta,
): Promise<ItemView> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.itemManage);
  const now = deps.clock.now();
  const row: ItemRow = {
    tenantId,
    id: deps.newId(),
    sku: input.sku,
    name: input.name,
    unit: input.unit,
    barcode: input.barcode ?? null,
    price: input.price,
    taxCategory: input.taxCategory,
    reorderPoint: input.reorderPoint,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await deps.router.withTenant(tenantId, async (tx) => {
    if (!(await insertItem(tx, row))) throw inventoryErrors.skuTaken();
    await recordChange(
      tx,
      deps,
      { module: 'inventory', tenantId, principal, meta },
      {
        event: inventoryEvents.itemCreated,
        entity: { type: 'item', id: row.id },
        data: { itemId: row.id, sku: row.sku, name: row.name, price: row.price },
        after: stateOf(row),
      },
    );
  });
  return itemView(row);
};

/** GET /v1/inventory/items/:id. */
export const getItem = async (deps: InventoryDeps, principal: Principal, id: string): Promise<ItemView> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.itemRead);
  const row = await deps.router.withTenant(tenantId, (tx) => findItem(tx, tenantId, id));
  if (!row) throw inventoryErrors.notFound('Item');
  return itemView(row);
};

/** PATCH /v1/inventory/items/:id: a changed price applies to tickets rung up after it. */
export const updateItem = async (
  deps: InventoryDeps,
  principal: Principal,
  id: string,
  input: Partial<Omit<ItemView, 'id' | 'createdAt' | 'updatedAt'>>,
  meta: RequestMeta,
): Promise<ItemView> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.itemManage);
  return deps.router.withTenant(tenantId, async (tx) => {
    const before = await findItem(tx, tenantId, id);
    if (!before) throw inventoryErrors.notFound('Item');
    const updated = await updateItemRow(tx, tenantId, id, { ...input, updatedAt: deps.clock.now() });
    if (updated === 'sku_taken') throw inventoryErrors.skuTaken();
    if (!updated) throw inventoryErrors.notFound('Item');
    if (updated.reorderPoint !== before.reorderPoint) {
      // A new reorder point can put a level below it, or lift it out, without any movement.
      for (const level of await lockLevelsOfItem(tx, tenantId, id)) {
        await reconcileAlert(tx, deps, tenantId, updated, level.locationId, level.onHand);
      }
    }
    await recordChange(
      tx,
      deps,
      { module: 'inventory', tenantId, principal, meta },
      {
        event: inventoryEvents.itemUpdated,
        entity: { type: 'item', id },
        data: { itemId: id, changes: Object.keys(input) },
        before: stateOf(before),
        after: stateOf(updated),
      },
    );
    return itemView(updated);
  });
};

/** GET /v1/inventory/items: by SKU, searched, in cursor pages. */
export const listItems = async (
  deps: InventoryDeps,
  principal: Principal,
  query: {
    search?: string;
    status?: 'active' | 'archived';
    cursor?: { sku: string; id: string };
    limit: number;
  },
): Promise<{ items: ItemView[]; nextCursor: string | null }> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.itemRead);
  const rows = await deps.router.withTenant(tenantId, (tx) =>
    listItemRows(tx, tenantId, { ...query, after: query.cursor, limit: query.limit + 1 }),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(itemView),
    nextCursor: rows.length > query.limit && last ? encodeItemCursor(last) : null,
  };
};

/**
 * Items as a till sells them, for another module inside its own tenant
 * transaction (POS rings them up). Throws NOT_FOUND for an unknown or
 * another tenant's id, ITEM_ARCHIVED for an archived one.
 */
export const itemsForSale = async (
  tx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, ItemView>> => {
  const rows = await findItems(tx, tenantId, [...new Set(ids)]);
  const byId = new Map(rows.map((row) => [row.id, itemView(row)]));
  for (const id of ids) {
    const item = byId.get(id);
    if (!item) throw inventoryErrors.notFound('Item');
    if (item.status === 'archived') throw inventoryErrors.itemArchived(id);
  }
  return byId;
};
