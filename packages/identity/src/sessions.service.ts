import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { randomSecret, sha256 } from './secrets';
import { auditSecurity } from './security-audit';
import {
  findSession,
  insertRefreshToken,
  insertSession,
  liveSessionsOfUser,
  revokeSessions,
} from './sessions.repository';
import { issueAccessToken } from './tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export const tokenDeps = (deps: IdentityDeps) => ({
  keys: deps.keys,
  config: deps.config,
  now: deps.clock.now(),
  newId: deps.newId,
});

/** Issues a fresh refresh token for a session, stored by hash only. */
export const issueRefreshToken = async (tx: Tx, deps: IdentityDeps, sessionId: string): Promise<string> => {
  const token = randomSecret();
  await insertRefreshToken(tx, { tokenHash: sha256(token), sessionId, createdAt: deps.clock.now() });
  return token;
};

export const pairFor = async (
  deps: IdentityDeps,
  refreshToken: string,
  claims: { sub: string; tenantId: string | null; roles: readonly string[]; sid: string },
): Promise<TokenPair> => {
  const access = await issueAccessToken(tokenDeps(deps), claims);
  return {
    accessToken: access.token,
    refreshToken,
    expiresIn: deps.config.accessTokenTtlSeconds,
    tokenType: 'Bearer',
  };
};

/**
 * Opens a session (a refresh-token family) in the caller's transaction. A
 * user keeps at most maxSessionsPerUser live sessions: the oldest are ended.
 * Returns the ids ended, to deny their access tokens once this commits.
 */
export const openSession = async (
  tx: Tx,
  deps: IdentityDeps,
  subject: { userId: string; tenantId: string | null },
  meta: RequestMeta,
): Promise<{ sessionId: string; refreshToken: string; ended: string[] }> => {
  const now = deps.clock.now();
  const live = await liveSessionsOfUser(tx, subject.userId, now);
  const excess = live.length - deps.config.maxSessionsPerUser + 1;
  const ended =
    excess > 0
      ? await revokeSessions(
          tx,
          live.slice(0, excess).map((session) => session.id),
          now,
          'session_limit',
        )
      : [];
  const sessionId = deps.newId();
  await insertSession(tx, {
    id: sessionId,
    userId: subject.userId,
    tenantId: subject.tenantId,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + deps.config.refreshTokenTtlSeconds * 1000),
  });
  return { sessionId, refreshToken: await issueRefreshToken(tx, deps, sessionId), ended };
};

/** Denies ended sessions' access tokens for as long as any of them can live. */
export const denySessions = async (deps: IdentityDeps, sessionIds: readonly string[]): Promise<void> => {
  for (const id of sessionIds) await deps.denylist.add(id, deps.config.accessTokenTtlSeconds);
};

export const listMySessions = async (deps: IdentityDeps, principal: Principal) => {
  const userId = userIdOf(principal);
  const rows = await deps.db.router.withPlatform((tx) => liveSessionsOfUser(tx, userId, deps.clock.now()));
  return rows.map((session) => ({
    id: session.id,
    tenantId: session.tenantId,
    ip: session.ip,
    userAgent: session.userAgent,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expiresAt: session.expiresAt,
    current: session.id === principal.sessionId,
  }));
};

export const userIdOf = (principal: Principal): string => {
  if (principal.kind !== 'user' && principal.kind !== 'superadmin') {
    throw identityErrors.invalidToken('This route needs a user session, not an API key');
  }
  return principal.id;
};

/** Ends one of the caller's own sessions; another user's session is NOT_FOUND. */
export const revokeMySession = async (
  deps: IdentityDeps,
  principal: Principal,
  sessionId: string,
  meta: RequestMeta,
  reason = 'revoked_by_user',
): Promise<void> => {
  const userId = userIdOf(principal);
  const session = await deps.db.router.withPlatform(async (tx) => {
    const found = await findSession(tx, sessionId);
    if (!found || found.userId !== userId) throw identityErrors.notFound('Session');
    await revokeSessions(tx, [sessionId], deps.clock.now(), reason);
    return found;
  });
  await denySessions(deps, [sessionId]);
  if (principal.tokenId && principal.sessionId === sessionId && principal.tokenExpiresAt) {
    const ttl = (principal.tokenExpiresAt.getTime() - deps.clock.now().getTime()) / 1000;
    if (ttl > 0) await deps.denylist.add(principal.tokenId, ttl);
  }
  await auditSecurity(
    deps,
    {
      tenant: principal.tenantId
        ? { id: principal.tenantId, status: principal.tenantStatus ?? 'active' }
        : null,
      actor: { type: principal.kind, id: principal.id },
      action: 'session.revoked',
      entity: { type: 'session', id: session.id },
      metadata: { reason },
    },
    meta,
  );
};

/** POST /v1/auth/logout: the presented token's session ends at once. */
export const logout = (deps: IdentityDeps, principal: Principal, meta: RequestMeta): Promise<void> => {
  if (!principal.sessionId) throw identityErrors.invalidToken('This token has no session');
  return revokeMySession(deps, principal, principal.sessionId, meta, 'logout');
};
