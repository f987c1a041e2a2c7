import { type RequestMeta, recordChange } from '@tenantry/audit';
import type { Principal } from '@tenantry/core';
import type { TicketSettledPayload } from '@tenantry/inventory';
import type { PosDeps } from './deps';
import { posErrors } from './errors';
import { posEvents } from './events';
import { posPermissions } from './permissions';
import { changeOpenTicket, readTicketView } from './ticket-change';
import type { TicketView } from './ticket-view';
import { linesOf, nextReceiptNumber, updateTicket } from './tickets.repository';

/**
 * POST /v1/pos/tickets/:id/settle: a ticket paid in full takes the next
 * receipt number of its location and becomes immutable. Its
 * `pos.ticket.settled` event, committed with it, is how inventory learns to
 * deduct the stock (in the worker, once per ticket).
 */
export const settleTicket = (deps: PosDeps, principal: Principal, ticketId: string, meta: RequestMeta) =>
  changeOpenTicket(
    deps,
    principal,
    ticketId,
    posPermissions.ticketSettle,
    async (tx, ticket, tenantId): Promise<TicketView> => {
      const lines = await linesOf(tx, tenantId, ticketId);
      if (lines.length === 0) throw posErrors.ticketEmpty();
      if (ticket.paid !== ticket.total) {
        throw posErrors.notPaidInFull({
          total: ticket.total,
          paid: ticket.paid,
          due: ticket.total - ticket.paid,
        });
      }
      const receiptNumber = await nextReceiptNumber(tx, tenantId, ticket.locationId);
      const now = deps.clock.now();
      const settled = await updateTicket(tx, tenantId, ticketId, {
        status: 'settled',
        receiptNumber,
        settledBy: principal.id,
        settledAt: now,
        updatedAt: now,
      });
      const sale: TicketSettledPayload & Record<string, unknown> = {
        ticketId,
        locationId: ticket.locationId,
        receiptNumber,
        shiftId: ticket.shiftId,
        registerId: ticket.registerId,
        currency: ticket.currency,
        total: ticket.total,
        taxTotal: ticket.taxTotal,
        lines: lines.map((line) => ({ lineId: line.id, itemId: line.itemId, quantity: line.quantity })),
      };
      await recordChange(
        tx,
        deps,
        { module: 'pos', tenantId, principal, meta },
        {
          event: posEvents.ticketSettled,
          entity: { type: 'ticket', id: ticketId },
          data: sale,
          after: { status: 'settled', receiptNumber, total: ticket.total, paid: ticket.paid },
        },
      );
      return readTicketView(tx, settled);
    },
  );

/**
 * POST /v1/pos/tickets/:id/void: an open ticket is abandoned with a reason;
 * any payment taken is handed back at the till (the event says how much).
 */
export const voidTicket = (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
  input: { reason: string },
  meta: RequestMeta,
) =>
  changeOpenTicket(deps, principal, ticketId, posPermissions.ticketVoid, async (tx, ticket, tenantId) => {
    const now = deps.clock.now();
    const voided = await updateTicket(tx, tenantId, ticketId, {
      status: 'voided',
      voidReason: input.reason,
      voidedAt: now,
      updatedAt: now,
    });
    await recordChange(
      tx,
      deps,
      { module: 'pos', tenantId, principal, meta },
      {
        event: posEvents.ticketVoided,
        entity: { type: 'ticket', id: ticketId },
        data: {
          ticketId,
          locationId: ticket.locationId,
          reason: input.reason,
          total: ticket.total,
          paidBack: ticket.paid,
        },
        before: { status: 'open' },
        after: { status: 'voided', reason: input.reason },
      },
    );
    return readTicketView(tx, voided);
  });
