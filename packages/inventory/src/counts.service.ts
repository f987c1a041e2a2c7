import { type RequestMeta, recordChange } from '@tenantry/audit';
import { type Principal, tenantOfHolder, tenantScopeOf } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import {
  type CountLineRow,
  type CountRow,
  findCount,
  findCountLines,
  insertCount,
  markFinalized,
  setCountLineResult,
  upsertCountLines,
} from './counts.repository';
import type { InventoryDeps } from './deps';
import { repeatedItems } from './document-lines';
import { inventoryErrors } from './errors';
import { inventoryEvents } from './events';
import { findItems } from './items.repository';
import { recordMovements } from './ledger';
import { lockLevelsAt } from './ledger.repository';
import { requireLocation } from './locations.service';
import { inventoryPermissions } from './permissions';

const permission = inventoryPermissions.countManage;
const entityOf = (id: string) => ({ type: 'stock_count', id });

export const countView = (row: CountRow, lines: readonly CountLineRow[]) => ({
  id: row.id,
  locationId: row.locationId,
  status: row.status,
  note: row.note,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  finalizedAt: row.finalizedAt,
  lines: lines.map((line) => ({
    itemId: line.itemId,
    countedQuantity: line.countedQuantity,
    expectedQuantity: line.expectedQuantity,
    difference: line.difference,
    updatedAt: line.updatedAt,
  })),
});
export type CountView = ReturnType<typeof countView>;

/**
 * The count, checked at its location; locked when it is about to change.
 * NOT_FOUND for an unknown or another tenant's id.
 */
const countAtItsLocation = async (
  tx: Tx,
  principal: Principal,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<CountRow> => {
  const row = await findCount(tx, tenantId, id, options);
  if (!row) throw inventoryErrors.notFound('Count');
  tenantScopeOf(principal, permission, row.locationId);
  return row;
};

const assertOpen = (row: CountRow) => {
  if (row.status !== 'open')
    throw inventoryErrors.invalidState('The count is finalized', { status: row.status });
};

/** POST /v1/inventory/counts: opens a count of one location. */
export const openCount = async (
  deps: InventoryDeps,
  principal: Principal,
  input: { locationId: string; note?: string },
  meta: RequestMeta,
): Promise<CountView> => {
  const tenantId = tenantScopeOf(principal, permission, input.locationId);
  return deps.router.withTenant(tenantId, async (tx) => {
    await requireLocation(tx, tenantId, input.locationId);
    const row: CountRow = {
      tenantId,
      id: deps.newId(),
      locationId: input.locationId,
      status: 'open',
      note: input.note ?? null,
      createdBy: principal.id,
      createdAt: deps.clock.now(),
      finalizedAt: null,
    };
    await insertCount(tx, row);
    await recordChange(
      tx,
      deps,
      { module: 'inventory', tenantId, principal, meta },
      {
        event: inventoryEvents.countOpened,
        entity: entityOf(row.id),
        data: { countId: row.id, locationId: row.locationId },
        after: { status: row.status, locationId: row.locationId, note: row.note },
      },
    );
    return countView(row, []);
  });
};

/** GET /v1/inventory/counts/:id. */
export const getCount = async (deps: InventoryDeps, principal: Principal, id: string): Promise<CountView> => {
  const tenantId = tenantOfHolder(principal, permission);
  return deps.router.withTenant(tenantId, async (tx) => {
    const row = await countAtItsLocation(tx, principal, tenantId, id);
    return countView(row, await findCountLines(tx, tenantId, id));
  });
};

/**
 * POST /v1/inventory/counts/:id/lines: counted quantities of an open count.
 * Counting an item again replaces its earlier count. Archived items may be
 * counted: what is on the shelf is on the shelf.
 */
export const recordCountLines = async (
  deps: InventoryDeps,
  principal: Principal,
  id: string,
  input: { lines: readonly { itemId: string; countedQuantity: number }[] },
  meta: RequestMeta,
): Promise<CountView> => {
  const tenantId = tenantOfHolder(principal, permission);
  const repeated = repeatedItems(input.lines);
  if (repeated.length > 0) throw inventoryErrors.duplicateItems(repeated);
  return deps.router.withTenant(tenantId, async (tx) => {
    const count = await countAtItsLocation(tx, principal, tenantId, id, { lock: true });
    assertOpen(count);
    const itemIds = input.lines.map((line) => line.itemId);
    const known = new Set((await findItems(tx, tenantId, itemIds)).map((item) => item.id));
    if (itemIds.some((itemId) => !known.has(itemId))) throw inventoryErrors.notFound('Item');
    const before = await findCountLines(tx, tenantId, id, itemIds);
    const at = deps.clock.now();
    await upsertCountLines(
      tx,
      input.lines.map((line) => ({
        tenantId,
        countId: id,
        itemId: line.itemId,
        countedQuantity: line.countedQuantity,
        expectedQuantity: null,
        difference: null,
        updatedAt: at,
      })),
    );
    const counted = input.lines.map((line) => ({
      itemId: line.itemId,
      countedQuantity: line.countedQuantity,
    }));
    await recordChange(
      tx,
      deps,
      { module: 'inventory', tenantId, principal, meta },
      {
        event: inventoryEvents.countUpdated,
        entity: entityOf(id),
        data: { countId: id, locationId: count.locationId, lines: counted },
        before: {
          lines: before.map((line) => ({ itemId: line.itemId, countedQuantity: line.countedQuantity })),
        },
        after: { lines: counted },
      },
    );
    return countView(count, await findCountLines(tx, tenantId, id));
  });
};

/**
 * POST /v1/inventory/counts/:id/finalize: the count states the truth. Each
 * counted item's level is compared with what was counted, and a
 * count_correction movement makes up any difference (never refused: a
 * count says what is there). Items not counted keep their levels.
 */
export const finalizeCount = async (
  deps: InventoryDeps,
  principal: Principal,
  id: string,
  meta: RequestMeta,
): Promise<CountView> => {
  const tenantId = tenantOfHolder(principal, permission);
  return deps.router.withTenant(tenantId, async (tx) => {
    const count = await countAtItsLocation(tx, principal, tenantId, id, { lock: true });
    assertOpen(count);
    const lines = await findCountLines(tx, tenantId, id);
    const at = deps.clock.now();
    // Held until commit: a sale cannot move a level between reading it here and correcting it.
    const levels = await lockLevelsAt(
      tx,
      tenantId,
      count.locationId,
      lines.map((line) => line.itemId),
      at,
    );
    const results = lines.map((line) => {
      const expectedQuantity = levels.get(line.itemId) ?? 0;
      return { line, expectedQuantity, difference: line.countedQuantity - expectedQuantity };
    });
    const corrections = results.filter((result) => result.difference !== 0);
    const scope = { tenantId, principal, meta };
    if (corrections.length > 0) {
      await recordMovements(tx, deps, scope, {
        movements: corrections.map(({ line, difference }) => ({
          itemId: line.itemId,
          locationId: count.locationId,
          type: 'count_correction' as const,
          quantity: difference,
          reason: 'Stock count',
        })),
        source: entityOf(id),
        shortfall: 'flag',
      });
    }
    for (const { line, expectedQuantity, difference } of results) {
      await setCountLineResult(tx, line, { expectedQuantity, difference, updatedAt: at });
    }
    await markFinalized(tx, tenantId, id, at);
    await recordChange(
      tx,
      deps,
      { module: 'inventory', ...scope },
      {
        event: inventoryEvents.countFinalized,
        entity: entityOf(id),
        data: {
          countId: id,
          locationId: count.locationId,
          linesCounted: lines.length,
          corrections: corrections.map(({ line, difference }) => ({ itemId: line.itemId, difference })),
        },
        before: { status: count.status },
        after: { status: 'finalized' },
      },
    );
    return countView(
      { ...count, status: 'finalized', finalizedAt: at },
      results.map(({ line, expectedQuantity, difference }) => ({
        ...line,
        expectedQuantity,
        difference,
        updatedAt: at,
      })),
    );
  });
};
