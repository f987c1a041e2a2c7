import type { Tx } from '@tenantry/db';
import { and, eq, isNull } from 'drizzle-orm';
import { oneTimeTokens, recoveryCodes } from './schema/platform';

export type TokenPurpose = 'verify_email' | 'password_reset';

export const insertOneTimeToken = async (tx: Tx, row: typeof oneTimeTokens.$inferInsert): Promise<void> => {
  await tx.insert(oneTimeTokens).values(row);
};

/** Marks the token used and returns it, in one statement: two racing uses cannot both succeed. */
export const consumeOneTimeToken = async (tx: Tx, tokenHash: string, purpose: TokenPurpose, at: Date) =>
  (
    await tx
      .update(oneTimeTokens)
      .set({ usedAt: at })
      .where(
        and(
          eq(oneTimeTokens.tokenHash, tokenHash),
          eq(oneTimeTokens.purpose, purpose),
          isNull(oneTimeTokens.usedAt),
        ),
      )
      .returning()
  )[0] ?? null;

/** Earlier unused tokens of a purpose end when a new one is issued or one is used. */
export const expireOpenTokens = async (tx: Tx, userId: string, purpose: TokenPurpose, at: Date) => {
  await tx
    .update(oneTimeTokens)
    .set({ usedAt: at })
    .where(
      and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)),
    );
};

export const replaceRecoveryCodes = async (tx: Tx, userId: string, hashes: readonly string[]) => {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length > 0)
    await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
};

export const consumeRecoveryCode = async (tx: Tx, userId: string, codeHash: string, at: Date) =>
  (
    await tx
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, codeHash),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning()
  ).length > 0;
