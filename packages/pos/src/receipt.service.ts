import { assertHolds, type Principal, tenantOfHolder } from '@tenantry/core';
import { findLocationView } from '@tenantry/inventory';
import type { PosDeps } from './deps';
import { posErrors } from './errors';
import { posPermissions } from './permissions';
import type { ReceiptDocument } from './receipts.contracts';
import type { RefundLineRow, RefundRow } from './refunds.repository';
import { refundsOf } from './refunds.repository';
import { findRegister } from './registers.repository';
import {
  findTicket,
  type LineRow,
  linesOf,
  type PaymentRow,
  paymentsOf,
  type TicketRow,
} from './tickets.repository';

/** Net amount and tax per tax rate, lowest rate first; a line's net is its total less its tax. */
export const taxesByRate = (lines: readonly Pick<LineRow, 'taxRateBps' | 'total' | 'tax'>[]) => {
  const byRate = new Map<number, { taxRateBps: number; taxable: number; tax: number }>();
  for (const line of lines) {
    const entry = byRate.get(line.taxRateBps) ?? { taxRateBps: line.taxRateBps, taxable: 0, tax: 0 };
    entry.taxable += line.total - line.tax;
    entry.tax += line.tax;
    byRate.set(line.taxRateBps, entry);
  }
  return [...byRate.values()].sort((a, b) => a.taxRateBps - b.taxRateBps);
};

/** A settled ticket as a receipt: what was bought, taxes per rate, how it was paid and refunded. */
export const receiptDocument = (source: {
  ticket: TicketRow & { receiptNumber: number; settledAt: Date };
  locationName: string;
  registerName: string;
  lines: readonly LineRow[];
  payments: readonly PaymentRow[];
  refunds: readonly (RefundRow & { lines: readonly RefundLineRow[] })[];
}): ReceiptDocument => {
  const { ticket, lines } = source;
  const lineById = new Map(lines.map((line) => [line.id, line]));
  return {
    ticketId: ticket.id,
    receiptNumber: ticket.receiptNumber,
    locationId: ticket.locationId,
    locationName: source.locationName,
    registerName: source.registerName,
    settledAt: ticket.settledAt,
    currency: ticket.currency,
    pricesIncludeTax: ticket.pricesIncludeTax,
    lines: lines.map((line) => ({
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineDiscount: line.lineDiscount,
      total: line.total,
      taxRateBps: line.taxRateBps,
    })),
    subtotal: ticket.subtotal,
    discountTotal: ticket.discountTotal,
    taxTotal: ticket.taxTotal,
    taxes: taxesByRate(lines),
    total: ticket.total,
    payments: source.payments.map((payment) => ({
      method: payment.method,
      amount: payment.amount,
      tendered: payment.tendered,
      change: payment.change,
      reference: payment.reference,
    })),
    changeGiven: ticket.changeGiven,
    refunds: source.refunds.map((refund) => ({
      id: refund.id,
      createdAt: refund.createdAt,
      method: refund.method,
      amount: refund.amount,
      tax: refund.tax,
      reason: refund.reason,
      lines: refund.lines.map((line) => ({
        name: lineById.get(line.lineId)?.name ?? '',
        sku: lineById.get(line.lineId)?.sku ?? '',
        quantity: line.quantity,
        amount: line.amount,
      })),
    })),
  };
};

/**
 * GET /v1/pos/tickets/:id/receipt: the receipt of a settled ticket (a reprint
 * shows its refunds too). The location's name comes from inventory.
 */
export const getReceipt = async (
  deps: PosDeps,
  principal: Principal,
  ticketId: string,
): Promise<ReceiptDocument> => {
  const tenantId = tenantOfHolder(principal, posPermissions.ticketRead);
  return deps.router.withTenant(tenantId, async (tx) => {
    const ticket = await findTicket(tx, tenantId, ticketId);
    if (!ticket) throw posErrors.notFound('Ticket');
    assertHolds(principal, posPermissions.ticketRead, ticket.locationId);
    const { receiptNumber, settledAt } = ticket;
    if (ticket.status !== 'settled' || receiptNumber === null || settledAt === null) {
      throw posErrors.ticketNotSettled(ticket.status, 'have a receipt');
    }
    // A closed store's receipts still print with its name.
    const location = await findLocationView(tx, tenantId, ticket.locationId);
    const register = await findRegister(tx, tenantId, ticket.registerId);
    return receiptDocument({
      ticket: { ...ticket, receiptNumber, settledAt },
      locationName: location?.name ?? '',
      registerName: register?.name ?? '',
      lines: await linesOf(tx, tenantId, ticketId),
      payments: await paymentsOf(tx, tenantId, ticketId),
      refunds: await refundsOf(tx, tenantId, ticketId),
    });
  });
};
