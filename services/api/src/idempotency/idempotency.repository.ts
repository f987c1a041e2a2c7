import { idempotencyKeys, type Tx } from '@tenantry/db';
import { and, eq } from 'drizzle-orm';

export interface KeyRef {
  tenantId: string;
  scope: string;
  key: string;
}

export type StoredKey = typeof idempotencyKeys.$inferSelect;

const matches = (ref: KeyRef) =>
  and(
    eq(idempotencyKeys.tenantId, ref.tenantId),
    eq(idempotencyKeys.scope, ref.scope),
    eq(idempotencyKeys.key, ref.key),
  );

/** Inserts an in-progress row; false when the key is already taken. */
export const insertInProgress = async (
  tx: Tx,
  ref: KeyRef,
  values: { requestHash: string; lockedUntil: Date; expiresAt: Date },
): Promise<boolean> => {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ ...ref, ...values, status: 'in_progress' })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
};

export const findKey = async (tx: Tx, ref: KeyRef): Promise<StoredKey | undefined> => {
  const [row] = await tx.select().from(idempotencyKeys).where(matches(ref)).for('update');
  return row;
};

/** Restarts a row whose previous holder expired or died while in progress. */
export const restart = async (
  tx: Tx,
  ref: KeyRef,
  values: { requestHash: string; lockedUntil: Date; expiresAt: Date },
): Promise<void> => {
  await tx
    .update(idempotencyKeys)
    .set({
      ...values,
      status: 'in_progress',
      responseStatus: null,
      responseBody: null,
      responseContentType: null,
    })
    .where(matches(ref));
};

/**
 * The holder's reservation: a takeover after the lock lapsed writes a new
 * locked_until, so a slow first holder finishing late matches nothing and
 * cannot overwrite the new holder's row.
 */
const heldBy = (ref: KeyRef, lease: Date) =>
  and(matches(ref), eq(idempotencyKeys.status, 'in_progress'), eq(idempotencyKeys.lockedUntil, lease));

export const complete = async (
  tx: Tx,
  ref: KeyRef,
  lease: Date,
  response: { status: number; body: string; contentType: string | null },
): Promise<void> => {
  await tx
    .update(idempotencyKeys)
    .set({
      status: 'completed',
      responseStatus: response.status,
      responseBody: response.body,
      responseContentType: response.contentType,
    })
    .where(heldBy(ref, lease));
};

export const release = async (tx: Tx, ref: KeyRef, lease: Date): Promise<void> => {
  await tx.delete(idempotencyKeys).where(heldBy(ref, lease));
};
