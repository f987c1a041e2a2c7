import type { Tx } from '@tenantry/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { posRegisters } from './schema';

export type RegisterRow = typeof posRegisters.$inferSelect;

/** Inserts a register; false when its name is taken at the location. */
export const insertRegister = async (tx: Tx, row: RegisterRow): Promise<boolean> =>
  (await tx.insert(posRegisters).values(row).onConflictDoNothing().returning({ id: posRegisters.id }))
    .length === 1;

export const findRegister = async (tx: Tx, tenantId: string, id: string): Promise<RegisterRow | null> =>
  (
    await tx
      .select()
      .from(posRegisters)
      .where(and(eq(posRegisters.tenantId, tenantId), eq(posRegisters.id, id)))
  )[0] ?? null;

export const listRegisters = (tx: Tx, tenantId: string, locationId?: string): Promise<RegisterRow[]> =>
  tx
    .select()
    .from(posRegisters)
    .where(
      and(
        eq(posRegisters.tenantId, tenantId),
        locationId ? eq(posRegisters.locationId, locationId) : undefined,
      ),
    )
    .orderBy(asc(posRegisters.locationId), asc(sql`lower(${posRegisters.name})`));
