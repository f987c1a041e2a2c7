import { type RequestMeta, recordChange } from '@tenantry/audit';
import { type Principal, tenantOfHolder, tenantScopeOf } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { assertHoldsAtAny } from './access';
import type { InventoryDeps } from './deps';
import { repeatedItems } from './document-lines';
import { inventoryErrors } from './errors';
import { inventoryEvents } from './events';
import { itemsForSale } from './items.service';
import { recordMovements } from './ledger';
import { requireLocation } from './locations.service';
import { inventoryPermissions } from './permissions';
import {
  addReceived,
  findTransfer,
  findTransferLines,
  insertTransfer,
  markShipped,
  setTransferStatus,
  type TransferLineRow,
  type TransferRow,
} from './transfers.repository';

const permission = inventoryPermissions.transferManage;
const sourceOf = (id: string) => ({ type: 'stock_transfer', id });

export const transferView = (row: TransferRow, lines: readonly TransferLineRow[]) => ({
  id: row.id,
  fromLocationId: row.fromLocationId,
  toLocationId: row.toLocationId,
  status: row.status,
  note: row.note,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  shippedAt: row.shippedAt,
  receivedAt: row.receivedAt,
  lines: lines.map((line) => ({
    id: line.id,
    itemId: line.itemId,
    quantity: line.quantity,
    shippedQuantity: line.shippedQuantity,
    receivedQuantity: line.receivedQuantity,
  })),
});
export type TransferView = ReturnType<typeof transferView>;

const loadView = async (tx: Tx, tenantId: string, id: string): Promise<TransferView> => {
  const row = await findTransfer(tx, tenantId, id);
  if (!row) throw inventoryErrors.notFound('Transfer');
  return transferView(row, await findTransferLines(tx, tenantId, id));
};

/** The transfer, locked for a state change; NOT_FOUND for an unknown or another tenant's id. */
const lockTransfer = async (tx: Tx, tenantId: string, id: string): Promise<TransferRow> => {
  const row = await findTransfer(tx, tenantId, id, { lock: true });
  if (!row) throw inventoryErrors.notFound('Transfer');
  return row;
};

const assertEachItemOnce = (lines: readonly { itemId: string }[]) => {
  const repeated = repeatedItems(lines);
  if (repeated.length > 0) throw inventoryErrors.duplicateItems(repeated);
};

/**
 * POST /v1/inventory/transfers: a draft naming what should move from one
 * location to another. Nothing moves until it is shipped. Whoever sends the
 * goods plans them: the permission is checked at the source.
 */
export const createTransfer = async (
  deps: InventoryDeps,
  principal: Principal,
  input: {
    fromLocationId: string;
    toLocationId: string;
    lines: readonly { itemId: string; quantity: number }[];
    note?: string;
  },
  meta: RequestMeta,
): Promise<TransferView> => {
  const tenantId = tenantScopeOf(principal, permission, input.fromLocationId);
  if (input.fromLocationId === input.toLocationId) throw inventoryErrors.sameLocation(input.toLocationId);
  assertEachItemOnce(input.lines);
  if (input.lines.length === 0) throw inventoryErrors.invalid('A transfer carries at least one line');
  return deps.router.withTenant(tenantId, async (tx) => {
    await requireLocation(tx, tenantId, input.fromLocationId);
    await requireLocation(tx, tenantId, input.toLocationId);
    await itemsForSale(
      tx,
      tenantId,
      input.lines.map((line) => line.itemId),
    );
    const row: TransferRow = {
      tenantId,
      id: deps.newId(),
      fromLocationId: input.fromLocationId,
      toLocationId: input.toLocationId,
      status: 'draft',
      note: input.note ?? null,
      createdBy: principal.id,
      createdAt: deps.clock.now(),
      shippedAt: null,
      receivedAt: null,
    };
    const lines: TransferLineRow[] = input.lines.map((line) => ({
      tenantId,
      id: deps.newId(),
      transferId: row.id,
      itemId: line.itemId,
      quantity: line.quantity,
      shippedQuantity: 0,
      receivedQuantity: 0,
    }));
    await insertTransfer(tx, row, lines);
    const planned = input.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity }));
    await recordChange(
      tx,
      deps,
      { module: 'inventory', tenantId, principal, meta },
      {
        event: inventoryEvents.transferCreated,
        entity: sourceOf(row.id),
        data: {
          transferId: row.id,
          fromLocationId: row.fromLocationId,
          toLocationId: row.toLocationId,
          lines: planned,
        },
        after: {
          status: row.status,
          fromLocationId: row.fromLocationId,
          toLocationId: row.toLocationId,
          lines: planned,
        },
      },
    );
    return transferView(row, lines);
  });
};

/** GET /v1/inventory/transfers/:id: for someone who manages transfers at either end. */
export const getTransfer = async (
  deps: InventoryDeps,
  principal: Principal,
  id: string,
): Promise<TransferView> => {
  const tenantId = tenantOfHolder(principal, permission);
  return deps.router.withTenant(tenantId, async (tx) => {
    const view = await loadView(tx, tenantId, id);
    assertHoldsAtAny(principal, permission, [view.fromLocationId, view.toLocationId]);
    return view;
  });
};

/**
 * POST /v1/inventory/transfers/:id/ship: every line leaves the source at
 * once (transfer_out movements; a shortfall is refused, since nothing has
 * left yet) and is in transit until received. Checked at the source.
 */
export const shipTransfer = async (
  deps: InventoryDeps,
  principal: Principal,
  id: string,
  meta: RequestMeta,
): Promise<TransferView> => {
  const tenantId = tenantOfHolder(principal, permission);
  return deps.router.withTenant(tenantId, async (tx) => {
    const transfer = await lockTransfer(tx, tenantId, id);
    tenantScopeOf(principal, permission, transfer.fromLocationId);
    if (transfer.status !== 'draft') {
      throw inventoryErrors.invalidState('Only a draft transfer can be shipped', { status: transfer.status });
    }
    const lines = await findTransferLines(tx, tenantId, id);
    const scope = { tenantId, principal, meta };
    await recordMovements(tx, deps, scope, {
      movements: lines.map((line) => ({
        itemId: line.itemId,
        locationId: transfer.fromLocationId,
        type: 'transfer_out' as const,
        quantity: -line.quantity,
        reason: 'Transfer shipped',
        sourceLine: line.id,
      })),
      source: sourceOf(id),
      shortfall: 'refuse',
    });
    await markShipped(tx, tenantId, id, deps.clock.now());
    const shipped = lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity }));
    await recordChange(
      tx,
      deps,
      { module: 'inventory', ...scope },
      {
        event: inventoryEvents.transferShipped,
        entity: sourceOf(id),
        data: {
          transferId: id,
          fromLocationId: transfer.fromLocationId,
          toLocationId: transfer.toLocationId,
          lines: shipped,
        },
        before: { status: transfer.status },
        after: { status: 'shipped', lines: shipped },
      },
    );
    return loadView(tx, tenantId, id);
  });
};

/**
 * POST /v1/inventory/transfers/:id/receive: what arrived at the destination
 * (transfer_in movements), in one or several receipts, never more than is
 * still in transit. Checked at the destination.
 */
export const receiveTransfer = async (
  deps: InventoryDeps,
  principal: Principal,
  id: string,
  input: { lines: readonly { itemId: string; quantity: number }[] },
  meta: RequestMeta,
): Promise<TransferView> => {
  const tenantId = tenantOfHolder(principal, permission);
  assertEachItemOnce(input.lines);
  if (input.lines.length === 0) throw inventoryErrors.invalid('A receipt names at least one line');
  return deps.router.withTenant(tenantId, async (tx) => {
    const transfer = await lockTransfer(tx, tenantId, id);
    tenantScopeOf(principal, permission, transfer.toLocationId);
    if (transfer.status !== 'shipped' && transfer.status !== 'partially_received') {
      throw inventoryErrors.invalidState('Only a shipped transfer can be received', {
        status: transfer.status,
      });
    }
    const lines = await findTransferLines(tx, tenantId, id);
    const byItem = new Map(lines.map((line) => [line.itemId, line]));
    const received = input.lines.map((entry) => {
      const line = byItem.get(entry.itemId);
      if (!line) throw inventoryErrors.itemNotOnTransfer(entry.itemId);
      const outstanding = line.shippedQuantity - line.receivedQuantity;
      if (entry.quantity > outstanding) {
        throw inventoryErrors.exceedsOutstanding({
          itemId: entry.itemId,
          outstanding,
          requested: entry.quantity,
        });
      }
      return { line, quantity: entry.quantity };
    });
    const scope = { tenantId, principal, meta };
    await recordMovements(tx, deps, scope, {
      movements: received.map(({ line, quantity }) => ({
        itemId: line.itemId,
        locationId: transfer.toLocationId,
        type: 'transfer_in' as const,
        quantity,
        reason: 'Transfer received',
        sourceLine: line.id,
      })),
      source: sourceOf(id),
      shortfall: 'refuse',
    });
    for (const { line, quantity } of received) await addReceived(tx, tenantId, line.id, quantity);
    const receivedNow = new Map(received.map(({ line, quantity }) => [line.id, quantity]));
    const complete = lines.every(
      (line) => line.receivedQuantity + (receivedNow.get(line.id) ?? 0) === line.shippedQuantity,
    );
    const status = complete ? 'received' : 'partially_received';
    await setTransferStatus(tx, tenantId, id, { status, receivedAt: complete ? deps.clock.now() : null });
    const receipt = received.map(({ line, quantity }) => ({ itemId: line.itemId, quantity }));
    await recordChange(
      tx,
      deps,
      { module: 'inventory', ...scope },
      {
        event: inventoryEvents.transferReceived,
        entity: sourceOf(id),
        data: { transferId: id, toLocationId: transfer.toLocationId, status, lines: receipt },
        before: { status: transfer.status },
        after: { status, lines: receipt },
      },
    );
    return loadView(tx, tenantId, id);
  });
};
