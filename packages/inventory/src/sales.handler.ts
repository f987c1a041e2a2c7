import type { EventEnvelope } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { EventHandler } from '@tenantry/outbox';
import { z } from 'zod';
import type { InventoryDeps } from './deps';
import { posEventTypes } from './events';
import { recordMovements } from './ledger';
import { hasMovementsFrom } from './ledger.repository';

const soldLine = z.object({ lineId: z.uuid(), itemId: z.uuid(), quantity: z.number().int().positive() });

/** The payload of `pos.ticket.settled`: what POS promises inventory about a sale. */
export const ticketSettledPayload = z.object({
  ticketId: z.uuid(),
  locationId: z.uuid(),
  receiptNumber: z.number().int().positive(),
  lines: z.array(soldLine),
});
export type TicketSettledPayload = z.infer<typeof ticketSettledPayload>;

/** The payload of `pos.ticket.refunded`: restocked goods come back to the ticket's location. */
export const ticketRefundedPayload = z.object({
  refundId: z.uuid(),
  ticketId: z.uuid(),
  locationId: z.uuid(),
  restock: z.boolean(),
  lines: z.array(soldLine),
});
export type TicketRefundedPayload = z.infer<typeof ticketRefundedPayload>;

const deductSale = async (deps: InventoryDeps, tx: Tx, tenantId: string, sale: TicketSettledPayload) => {
  // The inbox already dedupes per event; this guards a sale re-emitted under another event id.
  if (sale.lines.length === 0 || (await hasMovementsFrom(tx, tenantId, 'sale', sale.ticketId))) return;
  await recordMovements(
    tx,
    deps,
    { tenantId, principal: null },
    {
      movements: sale.lines.map((line) => ({
        itemId: line.itemId,
        locationId: sale.locationId,
        type: 'sale' as const,
        quantity: -line.quantity,
        reason: `Sale, receipt ${sale.receiptNumber}`,
        sourceLine: line.lineId,
      })),
      source: { type: 'pos_ticket', id: sale.ticketId },
      // The customer has paid: a shortfall is flagged for review, never refused.
      shortfall: 'flag',
    },
  );
};

const restockRefund = async (
  deps: InventoryDeps,
  tx: Tx,
  tenantId: string,
  refund: TicketRefundedPayload,
) => {
  if (!refund.restock || refund.lines.length === 0) return;
  if (await hasMovementsFrom(tx, tenantId, 'refund', refund.refundId)) return;
  await recordMovements(
    tx,
    deps,
    { tenantId, principal: null },
    {
      movements: refund.lines.map((line) => ({
        itemId: line.itemId,
        locationId: refund.locationId,
        type: 'refund' as const,
        quantity: line.quantity,
        reason: `Refund of ticket ${refund.ticketId}`,
        sourceLine: line.lineId,
      })),
      source: { type: 'pos_refund', id: refund.refundId },
      shortfall: 'flag',
    },
  );
};

/**
 * Inventory's consumer of POS events: a settled ticket deducts its lines'
 * stock, a restocking refund returns it. It runs in the worker's tenant
 * transaction with the inbox row, so each event applies once even when it is
 * delivered twice or the worker dies midway (the transaction rolls back).
 */
export const createStockFromSalesHandler = (deps: InventoryDeps): EventHandler => ({
  consumer: 'inventory.stock-from-sales',
  eventTypes: [posEventTypes.ticketSettled, posEventTypes.ticketRefunded],
  async handle(event: EventEnvelope, tx: Tx) {
    const tenantId = event.tenant_id as string;
    if (event.type === posEventTypes.ticketSettled) {
      await deductSale(deps, tx, tenantId, ticketSettledPayload.parse(event.data));
    } else {
      await restockRefund(deps, tx, tenantId, ticketRefundedPayload.parse(event.data));
    }
  },
});
