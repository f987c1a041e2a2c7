import type { Clock } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import { deleteAttemptsBefore } from './attempts.repository';
import { deleteRefreshTokensOfEndedSessions, deleteSpentOneTimeTokens } from './cleanup.repository';

const dayMs = 86_400_000;

export interface IdentityCleanupDeps {
  router: TenancyRouter;
  clock: Clock;
}

export interface IdentityCleanupResult {
  loginAttempts: number;
  oneTimeTokens: number;
  refreshTokens: number;
}

/**
 * Deletes identity rows that no longer serve a purpose: login attempts older
 * than the retention (the brute-force brake reads minutes, the charts a
 * month), and one-time and refresh tokens that can no longer be redeemed.
 * A used refresh token stays while its session lives, since presenting it
 * again is how a stolen token is detected. Tokens keep a day of grace so a
 * just-ended session or a just-used link can still be looked into.
 * Idempotent: several workers running it at once is harmless.
 */
export const cleanupIdentity = (
  deps: IdentityCleanupDeps,
  options: { retentionDays: number },
): Promise<IdentityCleanupResult> => {
  const now = deps.clock.now().getTime();
  const dayAgo = new Date(now - dayMs);
  return deps.router.withPlatform(async (tx) => ({
    loginAttempts: await deleteAttemptsBefore(tx, new Date(now - options.retentionDays * dayMs)),
    oneTimeTokens: await deleteSpentOneTimeTokens(tx, dayAgo),
    refreshTokens: await deleteRefreshTokensOfEndedSessions(tx, dayAgo),
  }));
};
