import { assertHolds, type Principal, tenantOfHolder } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { PosDeps } from './deps';
import { posErrors } from './errors';

/**
 * The largest ticket total, and the most change one ticket may hand out:
 * 10^13 minor units. Sums over many tickets (shift cash, reports) then stay
 * within JavaScript's safe integers.
 */
export const maxTicketTotal = 10_000_000_000_000;

import { priceTicket } from './pricing';
import { ticketView } from './ticket-view';
import {
  findTicket,
  type LineRow,
  linesOf,
  paymentsOf,
  type TicketRow,
  updateLine,
  updateTicket,
} from './tickets.repository';

/**
 * Recomputes every line and the ticket's totals from its lines and discount
 * (pricing.ts), storing what changed. A change that takes the total below
 * what is already paid is refused.
 */
export const reprice = async (deps: PosDeps, tx: Tx, ticket: TicketRow): Promise<TicketRow> => {
  const lines = await linesOf(tx, ticket.tenantId, ticket.id);
  const priced = priceTicket({
    pricesIncludeTax: ticket.pricesIncludeTax,
    ticketDiscount: ticket.ticketDiscount,
    lines: lines.map((line) => ({
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineDiscount: line.lineDiscount,
      taxRateBps: line.taxRateBps,
    })),
  });
  for (const [index, line] of lines.entries()) {
    const computed = priced.lines[index];
    if (!computed) continue;
    const values = {
      gross: computed.gross,
      ticketDiscountShare: computed.ticketDiscountShare,
      tax: computed.tax,
      total: computed.total,
    };
    if (Object.entries(values).some(([key, value]) => line[key as keyof LineRow] !== value)) {
      await updateLine(tx, ticket.tenantId, line.id, values);
    }
  }
  if (priced.total < ticket.paid) throw posErrors.totalBelowPaid({ total: priced.total, paid: ticket.paid });
  if (priced.total > maxTicketTotal) throw posErrors.totalTooLarge({ limit: maxTicketTotal });
  return updateTicket(tx, ticket.tenantId, ticket.id, {
    subtotal: priced.subtotal,
    discountTotal: priced.discountTotal,
    taxTotal: priced.taxTotal,
    total: priced.total,
    updatedAt: deps.clock.now(),
  });
};

/** Reads a ticket with its lines and payments as clients see it. */
export const readTicketView = async (tx: Tx, ticket: TicketRow) =>
  ticketView(
    ticket,
    await linesOf(tx, ticket.tenantId, ticket.id),
    await paymentsOf(tx, ticket.tenantId, ticket.id),
  );

/**
 * One change to an open ticket, in one tenant transaction: the ticket is
 * locked (so concurrent changes and a settle queue), found (404 for another
 * tenant's id), checked at its location, and must still be open.
 */
export const changeOpenTicket = async <T>(
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
  permission: string,
  change: (tx: Tx, ticket: TicketRow, tenantId: string) => Promise<T>,
): Promise<T> => {
  const tenantId = tenantOfHolder(principal, permission);
  return deps.router.withTenant(tenantId, async (tx) => {
    const ticket = await findTicket(tx, tenantId, ticketId, { lock: true });
    if (!ticket) throw posErrors.notFound('Ticket');
    assertHolds(principal, permission, ticket.locationId);
    if (ticket.status !== 'open') throw posErrors.ticketNotOpen(ticket.status);
    return change(tx, ticket, tenantId);
  });
};
