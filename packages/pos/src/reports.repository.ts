import type { Tx } from '@tenantry/db';
import { type AnyColumn, and, asc, desc, eq, gte, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { posPayments, posRefunds, posTicketLines, posTickets } from './schema';

/**
 * What a report covers. A shift: its tickets, and the refunds it owns (those
 * its drawer paid out, and card refunds of its tickets, which touch no
 * drawer), so every refund belongs to exactly one shift. A day at a location:
 * tickets settled or voided, and refunds made, within [from, to).
 */
export type ReportScope =
  | { kind: 'shift'; shiftId: string }
  | { kind: 'day'; locationId: string; from: Date; to: Date };

const total = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
const count = () => sql<number>`count(*)`.mapWith(Number);

const ticketsIn = (tenantId: string, scope: ReportScope, status: 'settled' | 'voided'): SQL | undefined => {
  const at = status === 'settled' ? posTickets.settledAt : posTickets.voidedAt;
  return and(
    eq(posTickets.tenantId, tenantId),
    eq(posTickets.status, status),
    scope.kind === 'shift'
      ? eq(posTickets.shiftId, scope.shiftId)
      : and(eq(posTickets.locationId, scope.locationId), gte(at, scope.from), lt(at, scope.to)),
  );
};

const refundsIn = (tenantId: string, scope: ReportScope): SQL | undefined =>
  and(
    eq(posRefunds.tenantId, tenantId),
    scope.kind === 'shift'
      ? or(
          eq(posRefunds.shiftId, scope.shiftId),
          and(isNull(posRefunds.shiftId), eq(posTickets.shiftId, scope.shiftId)),
        )
      : and(
          eq(posRefunds.locationId, scope.locationId),
          gte(posRefunds.createdAt, scope.from),
          lt(posRefunds.createdAt, scope.to),
        ),
  );

const ticketOfLine = and(
  eq(posTickets.tenantId, posTicketLines.tenantId),
  eq(posTickets.id, posTicketLines.ticketId),
);
const ticketOfPayment = and(
  eq(posTickets.tenantId, posPayments.tenantId),
  eq(posTickets.id, posPayments.ticketId),
);
const ticketOfRefund = and(
  eq(posTickets.tenantId, posRefunds.tenantId),
  eq(posTickets.id, posRefunds.ticketId),
);

export interface SalesAggregates {
  tickets: { count: number; total: number; ticketDiscounts: number };
  payments: { method: 'cash' | 'card'; amount: number; count: number }[];
  items: { itemId: string; sku: string; name: string; quantity: number; total: number }[];
  lines: { lineDiscounts: number };
  taxes: { taxRateBps: number; tax: number }[];
  refunds: { method: 'cash' | 'card'; amount: number; tax: number; count: number }[];
  voids: number;
}

/** Sums over a report's scope, each one aggregate query (no ticket is loaded). */
export const salesAggregates = async (
  tx: Tx,
  tenantId: string,
  scope: ReportScope,
): Promise<SalesAggregates> => {
  const settled = ticketsIn(tenantId, scope, 'settled');
  const [tickets] = await tx
    .select({
      count: count(),
      total: total(posTickets.total),
      ticketDiscounts: total(posTickets.ticketDiscount),
    })
    .from(posTickets)
    .where(settled);
  const payments = await tx
    .select({ method: posPayments.method, amount: total(posPayments.amount), count: count() })
    .from(posPayments)
    .innerJoin(posTickets, ticketOfPayment)
    .where(and(eq(posPayments.tenantId, tenantId), settled))
    .groupBy(posPayments.method)
    .orderBy(asc(posPayments.method));
  const lineTotal = total(posTicketLines.total);
  // An item renamed during the period is listed under its latest sold name.
  const items = await tx
    .select({
      itemId: posTicketLines.itemId,
      sku: sql<string>`(array_agg(${posTicketLines.sku} order by ${posTickets.settledAt} desc))[1]`,
      name: sql<string>`(array_agg(${posTicketLines.name} order by ${posTickets.settledAt} desc))[1]`,
      quantity: total(posTicketLines.quantity),
      total: lineTotal,
    })
    .from(posTicketLines)
    .innerJoin(posTickets, ticketOfLine)
    .where(and(eq(posTicketLines.tenantId, tenantId), settled))
    .groupBy(posTicketLines.itemId)
    .orderBy(desc(lineTotal), asc(posTicketLines.itemId));
  const [lines] = await tx
    .select({ lineDiscounts: total(posTicketLines.lineDiscount) })
    .from(posTicketLines)
    .innerJoin(posTickets, ticketOfLine)
    .where(and(eq(posTicketLines.tenantId, tenantId), settled));
  const taxes = await tx
    .select({ taxRateBps: posTicketLines.taxRateBps, tax: total(posTicketLines.tax) })
    .from(posTicketLines)
    .innerJoin(posTickets, ticketOfLine)
    .where(and(eq(posTicketLines.tenantId, tenantId), settled))
    .groupBy(posTicketLines.taxRateBps)
    .orderBy(asc(posTicketLines.taxRateBps));
  const refunds = await tx
    .select({
      method: posRefunds.method,
      amount: total(posRefunds.amount),
      tax: total(posRefunds.tax),
      count: count(),
    })
    .from(posRefunds)
    .innerJoin(posTickets, ticketOfRefund)
    .where(refundsIn(tenantId, scope))
    .groupBy(posRefunds.method)
    .orderBy(asc(posRefunds.method));
  const [voids] = await tx
    .select({ count: count() })
    .from(posTickets)
    .where(ticketsIn(tenantId, scope, 'voided'));
  return {
    tickets: tickets ?? { count: 0, total: 0, ticketDiscounts: 0 },
    payments,
    items,
    lines: lines ?? { lineDiscounts: 0 },
    taxes,
    refunds,
    voids: voids?.count ?? 0,
  };
};
