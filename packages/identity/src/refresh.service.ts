import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { sha256 } from './secrets';
import { auditSecurity } from './security-audit';
import {
  lockRefreshToken,
  markRefreshTokenUsed,
  revokeSessions,
  sessionContext,
  touchSession,
} from './sessions.repository';
import { denySessions, issueRefreshToken, pairFor, type TokenPair } from './sessions.service';

type Outcome =
  | { kind: 'rotated'; tokens: TokenPair }
  | { kind: 'reused'; sessionId: string; userId: string; tenant: { id: string; status: string } | null }
  | { kind: 'refused'; suspended?: boolean };

/**
 * POST /v1/auth/refresh: each refresh token works once and is replaced by a
 * new pair. A token presented a second time means it was stolen (or the
 * client is confused): the whole family, its session, is ended.
 */
export const refresh = async (
  deps: IdentityDeps,
  refreshToken: string,
  meta: RequestMeta,
): Promise<TokenPair> => {
  const now = deps.clock.now();
  const outcome = await deps.db.router.withPlatform(async (tx): Promise<Outcome> => {
    const found = await lockRefreshToken(tx, sha256(refreshToken));
    if (!found) return { kind: 'refused' };
    const { token, session } = found;
    if (session.revokedAt || session.expiresAt <= now) return { kind: 'refused' };
    const context = await sessionContext(tx, session.id);
    const tenant = context?.tenantId
      ? { id: context.tenantId, status: context.tenantStatus ?? 'active' }
      : null;
    if (token.usedAt) {
      await revokeSessions(tx, [session.id], now, 'refresh_token_reuse');
      return { kind: 'reused', sessionId: session.id, userId: session.userId, tenant };
    }
    if (context?.userStatus !== 'active') return { kind: 'refused' };
    if (tenant && context.tenantStatus === 'suspended') return { kind: 'refused', suspended: true };
    if (tenant && !context.role) return { kind: 'refused' };
    if (!tenant && !context.isSuperadmin) return { kind: 'refused' };
    await markRefreshTokenUsed(tx, token.tokenHash, now);
    await touchSession(
      tx,
      session.id,
      now,
      new Date(now.getTime() + deps.config.refreshTokenTtlSeconds * 1000),
    );
    const next = await issueRefreshToken(tx, deps, session.id);
    return {
      kind: 'rotated',
      tokens: await pairFor(deps, next, {
        sub: session.userId,
        tenantId: session.tenantId,
        roles: context.role ? [context.role] : ['superadmin'],
        sid: session.id,
      }),
    };
  });
  if (outcome.kind === 'rotated') return outcome.tokens;
  if (outcome.kind === 'reused') {
    await denySessions(deps, [outcome.sessionId]);
    await auditSecurity(
      deps,
      {
        tenant: outcome.tenant,
        actor: { type: 'user', id: outcome.userId },
        action: 'session.revoked',
        entity: { type: 'session', id: outcome.sessionId },
        metadata: { reason: 'refresh_token_reuse' },
      },
      meta,
    );
  }
  if (outcome.kind === 'refused' && outcome.suspended) throw identityErrors.tenantSuspended();
  throw identityErrors.invalidToken();
};
