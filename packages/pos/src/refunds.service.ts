import { type RequestMeta, recordChange } from '@tenantry/audit';
import { assertHolds, type Principal, tenantOfHolder } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { TicketRefundedPayload } from '@tenantry/inventory';
import type { PosDeps } from './deps';
import { posErrors } from './errors';
import { posEvents } from './events';
import { posPermissions } from './permissions';
import { defaultRefundMethod, planRefund } from './refund-plan';
import {
  insertRefund,
  type RefundLineRow,
  type RefundRow,
  refundedByLine,
  refundsOf,
} from './refunds.repository';
import { findShift } from './shifts.repository';
import {
  findTicket,
  linesOf,
  paymentsOf,
  type TicketRow,
  updateLine,
  updateTicket,
} from './tickets.repository';

export interface RefundInput {
  lines?: { lineId: string; quantity: number }[];
  method?: 'cash' | 'card';
  reason: string;
  restock?: boolean;
  shiftId?: string;
}

export const refundView = (row: RefundRow, lines: readonly RefundLineRow[]) => ({
  id: row.id,
  ticketId: row.ticketId,
  shiftId: row.shiftId,
  locationId: row.locationId,
  method: row.method,
  amount: row.amount,
  tax: row.tax,
  reason: row.reason,
  restock: row.restock,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  lines: lines.map((line) => ({
    lineId: line.lineId,
    itemId: line.itemId,
    quantity: line.quantity,
    amount: line.amount,
    tax: line.tax,
  })),
});
export type RefundView = ReturnType<typeof refundView>;

/**
 * The shift whose drawer pays a cash refund out: the one named, else the
 * ticket's own. It must be open and at the ticket's location, and stays
 * share-locked until commit so it cannot close with this payout uncounted.
 * A card refund touches no drawer.
 */
const drawerFor = async (
  tx: Tx,
  ticket: TicketRow,
  method: 'cash' | 'card',
  shiftId: string | undefined,
): Promise<string | null> => {
  if (method === 'card') {
    if (shiftId) throw posErrors.refundShiftForCard();
    return null;
  }
  const shift = await findShift(tx, ticket.tenantId, shiftId ?? ticket.shiftId, { lock: 'share' });
  if (!shift) throw posErrors.notFound('Shift');
  if (shift.locationId !== ticket.locationId) {
    throw posErrors.refundShiftElsewhere({
      shiftId: shift.id,
      shiftLocationId: shift.locationId,
      ticketLocationId: ticket.locationId,
    });
  }
  if (shift.status !== 'open')
    throw posErrors.cashRefundNeedsOpenShift({ shiftId: shift.id, status: shift.status });
  return shift.id;
};

/**
 * POST /v1/pos/tickets/:id/refunds: hands back some or all units of a settled
 * ticket. The ticket's row lock serialises refunds of one ticket, so together
 * they never exceed what was sold. Its `pos.ticket.refunded` event, committed
 * with it, is how inventory learns to restock.
 */
export const refundTicket = async (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
  input: RefundInput,
  meta: RequestMeta,
): Promise<RefundView> => {
  const tenantId = tenantOfHolder(principal, posPermissions.ticketRefund);
  return deps.router.withTenant(tenantId, async (tx) => {
    const ticket = await findTicket(tx, tenantId, ticketId, { lock: true });
    if (!ticket) throw posErrors.notFound('Ticket');
    assertHolds(principal, posPermissions.ticketRefund, ticket.locationId);
    if (ticket.status !== 'settled') throw posErrors.ticketNotSettled(ticket.status, 'be refunded');
    const plan = planRefund(
      await linesOf(tx, tenantId, ticketId),
      await refundedByLine(tx, tenantId, ticketId),
      input.lines,
    );
    const method = input.method ?? defaultRefundMethod(await paymentsOf(tx, tenantId, ticketId));
    const shiftId = await drawerFor(tx, ticket, method, input.shiftId);
    const now = deps.clock.now();
    const refund: RefundRow = {
      tenantId,
      id: deps.newId(),
      ticketId,
      shiftId,
      locationId: ticket.locationId,
      method,
      amount: plan.amount,
      tax: plan.tax,
      reason: input.reason,
      restock: input.restock ?? true,
      createdBy: principal.id,
      createdAt: now,
    };
    const lines: RefundLineRow[] = plan.lines.map((planned) => ({
      tenantId,
      refundId: refund.id,
      lineId: planned.line.id,
      itemId: planned.line.itemId,
      quantity: planned.quantity,
      amount: planned.amount,
      tax: planned.tax,
    }));
    await insertRefund(tx, refund, lines);
    for (const planned of plan.lines) {
      await updateLine(tx, tenantId, planned.line.id, {
        refundedQuantity: planned.line.refundedQuantity + planned.quantity,
      });
    }
    const refundedTotal = ticket.refundedTotal + plan.amount;
    await updateTicket(tx, tenantId, ticketId, { refundedTotal, updatedAt: now });
    const payload: TicketRefundedPayload & Record<string, unknown> = {
      refundId: refund.id,
      ticketId,
      locationId: ticket.locationId,
      restock: refund.restock,
      lines: lines.map((line) => ({ lineId: line.lineId, itemId: line.itemId, quantity: line.quantity })),
      shiftId,
      method,
      currency: ticket.currency,
      amount: refund.amount,
      tax: refund.tax,
      reason: refund.reason,
    };
    await recordChange(
      tx,
      deps,
      { module: 'pos', tenantId, principal, meta },
      {
        event: posEvents.ticketRefunded,
        entity: { type: 'ticket', id: ticketId },
        data: payload,
        before: { refundedTotal: ticket.refundedTotal },
        after: { refundedTotal, refundId: refund.id, method, amount: refund.amount },
      },
    );
    return refundView(refund, lines);
  });
};

/** GET /v1/pos/tickets/:id/refunds: a ticket's refunds, oldest first. */
export const listRefunds = async (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
): Promise<RefundView[]> => {
  const tenantId = tenantOfHolder(principal, posPermissions.ticketRead);
  return deps.router.withTenant(tenantId, async (tx) => {
    const ticket = await findTicket(tx, tenantId, ticketId);
    if (!ticket) throw posErrors.notFound('Ticket');
    assertHolds(principal, posPermissions.ticketRead, ticket.locationId);
    return (await refundsOf(tx, tenantId, ticketId)).map((refund) => refundView(refund, refund.lines));
  });
};
