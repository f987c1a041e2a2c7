import type { Tx } from '@tenantry/db';
import type { IdentityDeps } from './deps';
import { expireOpenTokens, insertOneTimeToken, type TokenPurpose } from './one-time-tokens.repository';
import { randomSecret, sha256 } from './secrets';

/** Mints a single-use token (only its hash is kept); earlier open tokens of the purpose end. */
export const mintOneTimeToken = async (
  tx: Tx,
  deps: Pick<IdentityDeps, 'clock'>,
  userId: string,
  purpose: TokenPurpose,
  ttlSeconds: number,
): Promise<string> => {
  const now = deps.clock.now();
  await expireOpenTokens(tx, userId, purpose, now);
  const token = randomSecret();
  await insertOneTimeToken(tx, {
    tokenHash: sha256(token),
    purpose,
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
  });
  return token;
};
