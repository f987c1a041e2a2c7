import type { Tx } from '@tenantry/db';
import { and, eq, sql } from 'drizzle-orm';
import { posPayments, posRefunds, posShifts, posTickets } from './schema';

export type ShiftRow = typeof posShifts.$inferSelect;

/** Opens a shift; false when the register already has an open one (the partial unique index). */
export const insertShift = async (tx: Tx, row: typeof posShifts.$inferInsert): Promise<boolean> =>
  (await tx.insert(posShifts).values(row).onConflictDoNothing().returning({ id: posShifts.id })).length === 1;

/**
 * A shift; `lock: true` takes it for update (closing it), `lock: 'share'`
 * keeps it from closing until the caller commits (a cash refund from its drawer).
 */
export const findShift = async (
  tx: Tx,
  tenantId: string,
  id: string,
  options: { lock?: boolean | 'share' } = {},
): Promise<ShiftRow | null> => {
  const query = tx
    .select()
    .from(posShifts)
    .where(and(eq(posShifts.tenantId, tenantId), eq(posShifts.id, id)));
  const locked = options.lock === 'share' ? query.for('share') : options.lock ? query.for('update') : query;
  return (await locked)[0] ?? null;
};

export const closeShiftRow = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: Pick<ShiftRow, 'closedBy' | 'closedAt' | 'countedCash' | 'expectedCash' | 'variance'>,
): Promise<ShiftRow> => {
  const [row] = await tx
    .update(posShifts)
    .set({ ...values, status: 'closed' })
    .where(and(eq(posShifts.tenantId, tenantId), eq(posShifts.id, id)))
    .returning();
  if (!row) throw new Error('shift vanished under its lock');
  return row;
};

/** Ids of the shift's tickets still open. */
export const openTicketsOf = async (tx: Tx, tenantId: string, shiftId: string): Promise<string[]> =>
  (
    await tx
      .select({ id: posTickets.id })
      .from(posTickets)
      .where(
        and(
          eq(posTickets.tenantId, tenantId),
          eq(posTickets.shiftId, shiftId),
          eq(posTickets.status, 'open'),
        ),
      )
  ).map((row) => row.id);

/**
 * The cash that moved through a shift's drawer: cash applied to its settled
 * tickets (change already given back), and cash refunds paid out of it.
 */
export const cashMovementsOf = async (
  tx: Tx,
  tenantId: string,
  shiftId: string,
): Promise<{ cashSales: number; cashRefunds: number }> => {
  const [sales] = await tx
    .select({ total: sql<string>`coalesce(sum(${posPayments.amount}), 0)` })
    .from(posPayments)
    .innerJoin(
      posTickets,
      and(eq(posTickets.tenantId, posPayments.tenantId), eq(posTickets.id, posPayments.ticketId)),
    )
    .where(
      and(
        eq(posPayments.tenantId, tenantId),
        eq(posTickets.shiftId, shiftId),
        eq(posTickets.status, 'settled'),
        eq(posPayments.method, 'cash'),
      ),
    );
  const [refunds] = await tx
    .select({ total: sql<string>`coalesce(sum(${posRefunds.amount}), 0)` })
    .from(posRefunds)
    .where(
      and(eq(posRefunds.tenantId, tenantId), eq(posRefunds.shiftId, shiftId), eq(posRefunds.method, 'cash')),
    );
  return { cashSales: Number(sales?.total ?? 0), cashRefunds: Number(refunds?.total ?? 0) };
};
