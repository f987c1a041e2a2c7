import type { Tx } from '@tenantry/db';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { TokenPurpose } from './one-time-tokens.repository';
import { oneTimeTokens, users } from './schema/platform';

/**
 * Records a TOTP step as used, in one statement: of two requests with the
 * same code only one moves the step forward. False means the step (or a
 * later one) was already used: a replay.
 */
export const claimTotpStep = async (tx: Tx, userId: string, step: number): Promise<boolean> =>
  (
    await tx
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id })
  ).length > 0;

/** An unused, unexpired one-time token, read without using it up (the caller may still refuse). */
export const findLiveOneTimeToken = async (tx: Tx, tokenHash: string, purpose: TokenPurpose, now: Date) =>
  (
    await tx
      .select()
      .from(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.tokenHash, tokenHash),
          eq(oneTimeTokens.purpose, purpose),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, now),
        ),
      )
  )[0] ?? null;
