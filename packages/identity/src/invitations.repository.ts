import type { Tx } from '@tenantry/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { invitations } from './schema/tenant';

export type InvitationRow = typeof invitations.$inferSelect;

/** Neither accepted nor revoked (it may have expired): the rows the one-per-e-mail index covers. */
const open = (tenantId: string) =>
  and(eq(invitations.tenantId, tenantId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

export const insertInvitation = async (tx: Tx, row: typeof invitations.$inferInsert): Promise<void> => {
  await tx.insert(invitations).values(row);
};

export const findOpenInvitationByEmail = async (
  tx: Tx,
  tenantId: string,
  email: string,
): Promise<InvitationRow | null> =>
  (
    await tx
      .select()
      .from(invitations)
      .where(and(open(tenantId), eq(invitations.email, email)))
  )[0] ?? null;

export const findInvitationByTokenHash = async (
  tx: Tx,
  tenantId: string,
  tokenHash: string,
): Promise<InvitationRow | null> =>
  (
    await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.tokenHash, tokenHash)))
  )[0] ?? null;

export const listOpenInvitations = (tx: Tx, tenantId: string): Promise<InvitationRow[]> =>
  tx.select().from(invitations).where(open(tenantId)).orderBy(desc(invitations.createdAt));

/** Updates an open invitation; null when there is none (unknown, accepted or revoked). */
const updateOpen = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: Partial<InvitationRow>,
): Promise<InvitationRow | null> =>
  (
    await tx
      .update(invitations)
      .set(values)
      .where(and(open(tenantId), eq(invitations.id, id)))
      .returning()
  )[0] ?? null;

/** Replaces the token of an open invitation: only the newest e-mail's link works. */
export const setInvitationTokenHash = (tx: Tx, tenantId: string, id: string, tokenHash: string) =>
  updateOpen(tx, tenantId, id, { tokenHash });

export const revokeInvitation = (tx: Tx, tenantId: string, id: string, at: Date) =>
  updateOpen(tx, tenantId, id, { revokedAt: at });

/** One statement: of two racing accepts (or an accept and a revoke) only one gets the row. */
export const markInvitationAccepted = (tx: Tx, tenantId: string, id: string, userId: string, at: Date) =>
  updateOpen(tx, tenantId, id, { acceptedAt: at, acceptedBy: userId });
