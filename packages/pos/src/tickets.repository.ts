import type { Tx } from '@tenantry/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { posPayments, posReceiptSequences, posTicketLines, posTickets } from './schema';

export type TicketRow = typeof posTickets.$inferSelect;
export type LineRow = typeof posTicketLines.$inferSelect;
export type PaymentRow = typeof posPayments.$inferSelect;

export const insertTicket = async (tx: Tx, row: typeof posTickets.$inferInsert): Promise<void> => {
  await tx.insert(posTickets).values(row);
};

/** The ticket, under its row lock when it is about to change (lines, payments, settle). */
export const findTicket = async (
  tx: Tx,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<TicketRow | null> => {
  const query = tx
    .select()
    .from(posTickets)
    .where(and(eq(posTickets.tenantId, tenantId), eq(posTickets.id, id)));
  return (await (options.lock ? query.for('update') : query))[0] ?? null;
};

export const updateTicket = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: Partial<Omit<TicketRow, 'tenantId' | 'id'>>,
): Promise<TicketRow> => {
  const [row] = await tx
    .update(posTickets)
    .set(values)
    .where(and(eq(posTickets.tenantId, tenantId), eq(posTickets.id, id)))
    .returning();
  if (!row) throw new Error('ticket vanished under its lock');
  return row;
};

export const linesOf = (tx: Tx, tenantId: string, ticketId: string): Promise<LineRow[]> =>
  tx
    .select()
    .from(posTicketLines)
    .where(and(eq(posTicketLines.tenantId, tenantId), eq(posTicketLines.ticketId, ticketId)))
    .orderBy(asc(posTicketLines.position));

export const insertLine = async (tx: Tx, row: typeof posTicketLines.$inferInsert): Promise<void> => {
  await tx.insert(posTicketLines).values(row);
};

export const updateLine = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: Partial<Omit<LineRow, 'tenantId' | 'id' | 'ticketId'>>,
): Promise<void> => {
  await tx
    .update(posTicketLines)
    .set(values)
    .where(and(eq(posTicketLines.tenantId, tenantId), eq(posTicketLines.id, id)));
};

export const deleteLine = async (tx: Tx, tenantId: string, id: string): Promise<void> => {
  await tx
    .delete(posTicketLines)
    .where(and(eq(posTicketLines.tenantId, tenantId), eq(posTicketLines.id, id)));
};

export const paymentsOf = (tx: Tx, tenantId: string, ticketId: string): Promise<PaymentRow[]> =>
  tx
    .select()
    .from(posPayments)
    .where(and(eq(posPayments.tenantId, tenantId), eq(posPayments.ticketId, ticketId)))
    .orderBy(asc(posPayments.createdAt), asc(posPayments.id));

export const insertPayment = async (tx: Tx, row: typeof posPayments.$inferInsert): Promise<void> => {
  await tx.insert(posPayments).values(row);
};

/**
 * The next receipt number of a location. The upsert holds the sequence row's
 * lock until the settle transaction ends: concurrent settles at one location
 * queue here, and a settle that rolls back releases its number unused.
 */
export const nextReceiptNumber = async (tx: Tx, tenantId: string, locationId: string): Promise<number> => {
  const [row] = await tx
    .insert(posReceiptSequences)
    .values({ tenantId, locationId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [posReceiptSequences.tenantId, posReceiptSequences.locationId],
      set: { lastNumber: sql`${posReceiptSequences.lastNumber} + 1` },
    })
    .returning({ lastNumber: posReceiptSequences.lastNumber });
  if (!row) throw new Error('receipt sequence upsert returned nothing');
  return row.lastNumber;
};
