import type { Tx } from '@tenantry/db';
import { inArray, lt, or } from 'drizzle-orm';
import { oneTimeTokens, refreshTokens, sessions } from './schema/platform';

/** One-time tokens used or expired before a date. */
export const deleteSpentOneTimeTokens = async (tx: Tx, before: Date): Promise<number> =>
  (
    await tx
      .delete(oneTimeTokens)
      .where(or(lt(oneTimeTokens.expiresAt, before), lt(oneTimeTokens.usedAt, before)))
      .returning({ tokenHash: oneTimeTokens.tokenHash })
  ).length;

/** Refresh tokens of sessions revoked or expired before a date; a live session's tokens are never touched. */
export const deleteRefreshTokensOfEndedSessions = async (tx: Tx, before: Date): Promise<number> =>
  (
    await tx
      .delete(refreshTokens)
      .where(
        inArray(
          refreshTokens.sessionId,
          tx
            .select({ id: sessions.id })
            .from(sessions)
            .where(or(lt(sessions.revokedAt, before), lt(sessions.expiresAt, before))),
        ),
      )
      .returning({ tokenHash: refreshTokens.tokenHash })
  ).length;
