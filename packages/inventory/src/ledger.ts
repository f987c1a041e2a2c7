import { actorOf, type RequestMeta, recordChange } from '@tenantry/audit';
import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import type { InventoryDeps } from './deps';
import { inventoryErrors } from './errors';
import { inventoryEvents } from './events';
import { findItems } from './items.repository';
import { addToLevel, clearAlert, insertMovements, openAlert } from './ledger.repository';
import type { MovementType } from './schema';
import { readSettings } from './settings.repository';

export interface MovementInput {
  itemId: string;
  locationId: string;
  type: MovementType;
  /** Signed: positive adds stock, negative removes it. */
  quantity: number;
  reason: string;
  /** The line of the source document, when it has lines. */
  sourceLine?: string | null;
}

export interface RecordedMovement extends MovementInput {
  id: string;
  /** The level after this movement. */
  onHand: number;
  flaggedForReview: boolean;
  createdAt: Date;
}

/**
 * What to do when a removal would take a level below zero and the tenant
 * does not allow negative stock: refuse it (a manual adjustment, a shipment),
 * or record it flagged for review (a sale: the customer has paid).
 */
export type ShortfallPolicy = 'refuse' | 'flag';

export interface LedgerScope {
  tenantId: string;
  principal: Principal | null;
  meta?: RequestMeta;
}

/**
 * Brings an item's low-stock alert at a location in line with its level: at or
 * below the reorder point an alert is open (opening one emits
 * `inventory.stock.low`), above it none is (clearing emits
 * `inventory.stock.restocked`). At most one alert is open per item and
 * location, so each crossing raises one event however often this runs.
 */
export const reconcileAlert = async (
  tx: Tx,
  deps: Pick<InventoryDeps, 'clock' | 'newId'>,
  tenantId: string,
  item: { id: string; sku: string; reorderPoint: number },
  locationId: string,
  onHand: number,
): Promise<void> => {
  const at = deps.clock.now();
  const level = { tenantId, itemId: item.id, locationId };
  const reorderPoint = item.reorderPoint;
  if (onHand <= reorderPoint) {
    const alertId = deps.newId();
    if (!(await openAlert(tx, { ...level, id: alertId, onHand, reorderPoint, openedAt: at }))) return;
    await appendEvent(
      tx,
      {
        tenantId,
        type: inventoryEvents.stockLow,
        entityId: item.id,
        data: { alertId, itemId: item.id, sku: item.sku, locationId, onHand, reorderPoint },
      },
      deps,
    );
    return;
  }
  const cleared = await clearAlert(tx, level, at);
  if (!cleared) return;
  await appendEvent(
    tx,
    {
      tenantId,
      type: inventoryEvents.stockRestocked,
      entityId: item.id,
      data: { alertId: cleared.id, itemId: item.id, locationId, onHand, reorderPoint },
    },
    deps,
  );
};

const keyOf = (movement: MovementInput) => `${movement.itemId}|${movement.locationId}`;

/**
 * Records movements in the ledger and moves their levels, in the caller's
 * tenant transaction, so levels never drift from the ledger. Levels are
 * locked in (item, location) order, so two documents touching the same
 * levels cannot deadlock. A level that falls to or below its item's reorder
 * point opens one alert and emits `inventory.stock.low`; rising above it
 * clears the alert. One `inventory.stock.adjusted` event and audit row
 * describe the whole document.
 */
export const recordMovements = async (
  tx: Tx,
  deps: InventoryDeps,
  scope: LedgerScope,
  input: {
    movements: readonly MovementInput[];
    source: { type: string; id: string } | null;
    shortfall: ShortfallPolicy;
  },
): Promise<RecordedMovement[]> => {
  const { tenantId } = scope;
  const at = deps.clock.now();
  const settings = await readSettings(tx, tenantId);
  const items = new Map(
    (await findItems(tx, tenantId, [...new Set(input.movements.map((movement) => movement.itemId))])).map(
      (item) => [item.id, item],
    ),
  );
  const ordered = input.movements
    .map((movement, index) => ({ movement, index }))
    .sort((a, b) => keyOf(a.movement).localeCompare(keyOf(b.movement)) || a.index - b.index);
  const recorded: RecordedMovement[] = new Array(input.movements.length);

  for (const { movement, index } of ordered) {
    const item = items.get(movement.itemId);
    if (!item) throw inventoryErrors.notFound('Item');
    const level = { tenantId, itemId: movement.itemId, locationId: movement.locationId };
    const { onHand, created } = await addToLevel(tx, level, movement.quantity, at);
    const before = onHand - movement.quantity;
    const short = movement.quantity < 0 && onHand < 0 && !settings.allowNegativeStock;
    if (short && input.shortfall === 'refuse') {
      throw inventoryErrors.insufficientStock({ ...level, onHand: before, requested: -movement.quantity });
    }
    // Only a level that crossed its reorder point (or was just created) can change its alert.
    if (created || before > item.reorderPoint !== onHand > item.reorderPoint) {
      await reconcileAlert(tx, deps, tenantId, item, movement.locationId, onHand);
    }
    recorded[index] = { ...movement, id: deps.newId(), onHand, flaggedForReview: short, createdAt: at };
  }

  const actor = actorOf(scope.principal);
  await insertMovements(
    tx,
    recorded.map((movement) => ({
      tenantId,
      id: movement.id,
      itemId: movement.itemId,
      locationId: movement.locationId,
      type: movement.type,
      quantity: movement.quantity,
      reason: movement.reason,
      actorType: actor.type,
      actorId: actor.id,
      sourceType: input.source?.type ?? null,
      sourceId: input.source?.id ?? null,
      sourceLine: movement.sourceLine ?? null,
      flaggedForReview: movement.flaggedForReview,
      createdAt: at,
    })),
  );
  const summary = recorded.map((movement) => ({
    movementId: movement.id,
    itemId: movement.itemId,
    locationId: movement.locationId,
    type: movement.type,
    quantity: movement.quantity,
    onHand: movement.onHand,
    flaggedForReview: movement.flaggedForReview,
  }));
  await recordChange(
    tx,
    deps,
    { module: 'inventory', ...scope },
    {
      event: inventoryEvents.stockAdjusted,
      entity: input.source ?? { type: 'stock_movement', id: recorded[0]?.id ?? tenantId },
      data: { source: input.source, movements: summary },
      after: { movements: summary },
    },
  );
  return recorded;
};
