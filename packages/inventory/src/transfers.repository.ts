import type { Tx } from '@tenantry/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { stockTransferLines, stockTransfers } from './schema';

export type TransferRow = typeof stockTransfers.$inferSelect;
export type TransferLineRow = typeof stockTransferLines.$inferSelect;
export type TransferStatus = TransferRow['status'];

export const insertTransfer = async (tx: Tx, row: TransferRow, lines: TransferLineRow[]): Promise<void> => {
  await tx.insert(stockTransfers).values(row);
  await tx.insert(stockTransferLines).values(lines);
};

/**
 * One transfer. With `lock` its row is held (FOR UPDATE) until the caller's
 * transaction ends: every state change takes it first, so two ship or
 * receive calls on one transfer run one after the other, and the second
 * sees what the first did.
 */
export const findTransfer = async (
  tx: Tx,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<TransferRow | null> => {
  const query = tx
    .select()
    .from(stockTransfers)
    .where(and(eq(stockTransfers.tenantId, tenantId), eq(stockTransfers.id, id)));
  return (await (options.lock ? query.for('update') : query))[0] ?? null;
};

/** A transfer's lines in the order they were entered (ids are time-ordered). */
export const findTransferLines = (tx: Tx, tenantId: string, transferId: string): Promise<TransferLineRow[]> =>
  tx
    .select()
    .from(stockTransferLines)
    .where(and(eq(stockTransferLines.tenantId, tenantId), eq(stockTransferLines.transferId, transferId)))
    .orderBy(asc(stockTransferLines.id));

/** Ships every line in full: a transfer leaves its source as one consignment. */
export const markShipped = async (tx: Tx, tenantId: string, transferId: string, at: Date): Promise<void> => {
  await tx
    .update(stockTransferLines)
    .set({ shippedQuantity: sql`${stockTransferLines.quantity}` })
    .where(and(eq(stockTransferLines.tenantId, tenantId), eq(stockTransferLines.transferId, transferId)));
  await tx
    .update(stockTransfers)
    .set({ status: 'shipped', shippedAt: at })
    .where(and(eq(stockTransfers.tenantId, tenantId), eq(stockTransfers.id, transferId)));
};

/** Adds to a line's received quantity (the table's check keeps it within what was shipped). */
export const addReceived = async (
  tx: Tx,
  tenantId: string,
  lineId: string,
  quantity: number,
): Promise<void> => {
  await tx
    .update(stockTransferLines)
    .set({ receivedQuantity: sql`${stockTransferLines.receivedQuantity} + ${quantity}` })
    .where(and(eq(stockTransferLines.tenantId, tenantId), eq(stockTransferLines.id, lineId)));
};

export const setTransferStatus = async (
  tx: Tx,
  tenantId: string,
  transferId: string,
  values: { status: TransferStatus; receivedAt?: Date | null },
): Promise<void> => {
  await tx
    .update(stockTransfers)
    .set(values)
    .where(and(eq(stockTransfers.tenantId, tenantId), eq(stockTransfers.id, transferId)));
};
