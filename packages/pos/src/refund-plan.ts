import { posErrors } from './errors';
import { refundShare } from './pricing';
import type { LineRow, PaymentRow } from './tickets.repository';

export interface PlannedRefundLine {
  line: LineRow;
  quantity: number;
  amount: number;
  tax: number;
}

export interface RefundPlan {
  lines: PlannedRefundLine[];
  amount: number;
  tax: number;
}

/**
 * What a refund hands back, line by line (refundShare: the part that completes
 * a line returns exactly what is left of it). Without `requested`, every unit
 * not yet refunded. The caller holds the ticket's lock, so `lines` and
 * `refunded` are what earlier refunds left.
 */
export const planRefund = (
  lines: readonly LineRow[],
  refunded: ReadonlyMap<string, { amount: number; tax: number }>,
  requested?: readonly { lineId: string; quantity: number }[],
): RefundPlan => {
  const wanted =
    requested ??
    lines
      .filter((line) => line.quantity > line.refundedQuantity)
      .map((line) => ({ lineId: line.id, quantity: line.quantity - line.refundedQuantity }));
  const planned = wanted.map(({ lineId, quantity }) => {
    const line = lines.find((entry) => entry.id === lineId);
    if (!line) throw posErrors.notFound('Line');
    const before = refunded.get(line.id) ?? { amount: 0, tax: 0 };
    const share = refundShare({
      lineTotal: line.total,
      lineTax: line.tax,
      lineQuantity: line.quantity,
      alreadyRefundedQuantity: line.refundedQuantity,
      alreadyRefundedAmount: before.amount,
      alreadyRefundedTax: before.tax,
      quantity,
    });
    return { line, quantity, ...share };
  });
  const amount = planned.reduce((sum, line) => sum + line.amount, 0);
  // The refund row must hand something back (pos_refunds_amount_positive).
  if (amount <= 0) throw posErrors.nothingToRefund({ amount });
  return { lines: planned, amount, tax: planned.reduce((sum, line) => sum + line.tax, 0) };
};

/** The method a refund defaults to: how the ticket was paid, or cash when it was paid several ways. */
export const defaultRefundMethod = (payments: readonly Pick<PaymentRow, 'method'>[]): 'cash' | 'card' => {
  const methods = new Set(payments.map((payment) => payment.method));
  const [only] = methods;
  return methods.size === 1 && only ? only : 'cash';
};
