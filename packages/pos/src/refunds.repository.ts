import type { Tx } from '@tenantry/db';
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { posRefundLines, posRefunds, posTicketLines } from './schema';

export type RefundRow = typeof posRefunds.$inferSelect;
export type RefundLineRow = typeof posRefundLines.$inferSelect;

export const insertRefund = async (
  tx: Tx,
  refund: RefundRow,
  lines: readonly RefundLineRow[],
): Promise<void> => {
  await tx.insert(posRefunds).values(refund);
  await tx.insert(posRefundLines).values([...lines]);
};

/** Money already handed back per line of a ticket, by line id. */
export const refundedByLine = async (
  tx: Tx,
  tenantId: string,
  ticketId: string,
): Promise<Map<string, { amount: number; tax: number }>> => {
  const rows = await tx
    .select({
      lineId: posRefundLines.lineId,
      amount: sql<string>`sum(${posRefundLines.amount})`,
      tax: sql<string>`sum(${posRefundLines.tax})`,
    })
    .from(posRefundLines)
    .innerJoin(
      posRefunds,
      and(eq(posRefunds.tenantId, posRefundLines.tenantId), eq(posRefunds.id, posRefundLines.refundId)),
    )
    .where(and(eq(posRefunds.tenantId, tenantId), eq(posRefunds.ticketId, ticketId)))
    .groupBy(posRefundLines.lineId);
  return new Map(rows.map((row) => [row.lineId, { amount: Number(row.amount), tax: Number(row.tax) }]));
};

/** A ticket's refunds, oldest first, each with its lines. */
export const refundsOf = async (
  tx: Tx,
  tenantId: string,
  ticketId: string,
): Promise<(RefundRow & { lines: RefundLineRow[] })[]> => {
  const refunds = await tx
    .select()
    .from(posRefunds)
    .where(and(eq(posRefunds.tenantId, tenantId), eq(posRefunds.ticketId, ticketId)))
    .orderBy(asc(posRefunds.createdAt), asc(posRefunds.id));
  if (refunds.length === 0) return [];
  const lines = await tx
    .select(getTableColumns(posRefundLines))
    .from(posRefundLines)
    .innerJoin(
      posTicketLines,
      and(eq(posTicketLines.tenantId, posRefundLines.tenantId), eq(posTicketLines.id, posRefundLines.lineId)),
    )
    .where(
      and(
        eq(posRefundLines.tenantId, tenantId),
        inArray(
          posRefundLines.refundId,
          refunds.map((refund) => refund.id),
        ),
      ),
    )
    .orderBy(asc(posTicketLines.position));
  return refunds.map((refund) => ({ ...refund, lines: lines.filter((line) => line.refundId === refund.id) }));
};
