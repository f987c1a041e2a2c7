import type { LineRow, PaymentRow, TicketRow } from './tickets.repository';

export const lineView = (row: LineRow) => ({
  id: row.id,
  itemId: row.itemId,
  sku: row.sku,
  name: row.name,
  quantity: row.quantity,
  unitPrice: row.unitPrice,
  priceOverridden: row.priceOverridden,
  lineDiscount: row.lineDiscount,
  ticketDiscountShare: row.ticketDiscountShare,
  taxCategory: row.taxCategory,
  taxRateBps: row.taxRateBps,
  gross: row.gross,
  tax: row.tax,
  total: row.total,
  refundedQuantity: row.refundedQuantity,
});

export const paymentView = (row: PaymentRow) => ({
  id: row.id,
  method: row.method,
  amount: row.amount,
  tendered: row.tendered,
  change: row.change,
  reference: row.reference,
  createdAt: row.createdAt,
});

/** A ticket as clients see it: totals, what is still due, its lines and payments. */
export const ticketView = (
  ticket: TicketRow,
  lines: readonly LineRow[],
  payments: readonly PaymentRow[],
) => ({
  id: ticket.id,
  shiftId: ticket.shiftId,
  registerId: ticket.registerId,
  locationId: ticket.locationId,
  status: ticket.status,
  currency: ticket.currency,
  pricesIncludeTax: ticket.pricesIncludeTax,
  ticketDiscount: ticket.ticketDiscount,
  subtotal: ticket.subtotal,
  discountTotal: ticket.discountTotal,
  taxTotal: ticket.taxTotal,
  total: ticket.total,
  paid: ticket.paid,
  due: Math.max(ticket.total - ticket.paid, 0),
  changeGiven: ticket.changeGiven,
  refundedTotal: ticket.refundedTotal,
  receiptNumber: ticket.receiptNumber,
  voidReason: ticket.voidReason,
  lines: lines.map(lineView),
  payments: payments.map(paymentView),
  createdAt: ticket.createdAt,
  settledAt: ticket.settledAt,
  voidedAt: ticket.voidedAt,
});
export type TicketView = ReturnType<typeof ticketView>;
