import type { Principal } from '@tenantry/core';
import { isApiKeyShaped, parseApiKey } from './api-key-format';
import { findLiveApiKeyByHash, touchApiKey } from './api-keys.repository';
import type { IdentityDeps } from './deps';
import { identityErrors } from './errors';
import { superadminPermissions } from './permissions';
import { sha256 } from './secrets';
import { sessionContext } from './sessions.repository';
import { findTenant } from './tenants.repository';
import { verifyAccessToken } from './tokens';

const apiKeyTouchIntervalMs = 60_000;

const authenticateApiKey = async (deps: IdentityDeps, key: string): Promise<Principal> => {
  const parsed = parseApiKey(key);
  if (!parsed) throw identityErrors.invalidToken();
  const tenant = await deps.db.router.withPlatform((tx) => findTenant(tx, parsed.tenantId));
  if (!tenant || tenant.status === 'pending') throw identityErrors.invalidToken();
  const now = deps.clock.now();
  const staleBefore = new Date(now.getTime() - apiKeyTouchIntervalMs);
  const found = await deps.db.router.withTenant(tenant.id, async (tx) => {
    const row = await findLiveApiKeyByHash(tx, tenant.id, sha256(key));
    // The row just read says whether a touch is due: skip the statement when it is not
    // (the update keeps its own condition for concurrent requests).
    if (row && !(row.lastUsedAt && row.lastUsedAt >= staleBefore))
      await touchApiKey(tx, tenant.id, row.id, now, staleBefore);
    return row;
  });
  if (!found) throw identityErrors.invalidToken();
  if (tenant.status === 'suspended') throw identityErrors.tenantSuspended();
  return {
    kind: 'api_key',
    id: found.id,
    tenantId: tenant.id,
    roles: [],
    permissions: found.permissions,
    tenantStatus: 'active',
  };
};

const authenticateAccessToken = async (deps: IdentityDeps, token: string): Promise<Principal> => {
  const claims = await verifyAccessToken(
    { keys: deps.keys, config: deps.config, now: deps.clock.now() },
    token,
  );
  const context = await deps.db.router.withPlatform((tx) => sessionContext(tx, claims.sid));
  if (!context || context.userId !== claims.sub || context.tenantId !== claims.tenantId) {
    throw identityErrors.invalidToken();
  }
  // Suspension answers with its own code, ahead of the sessions it ended.
  if (context.tenantId && context.tenantStatus === 'suspended') throw identityErrors.tenantSuspended();
  if (await deps.denylist.hasAny([claims.jti, claims.sid]))
    throw identityErrors.invalidToken('Token revoked');
  if (context.revokedAt || context.userStatus !== 'active')
    throw identityErrors.invalidToken('Token revoked');
  const base = {
    id: claims.sub,
    sessionId: claims.sid,
    tokenId: claims.jti,
    tokenExpiresAt: new Date(claims.exp * 1000),
  };
  if (!context.tenantId) {
    if (!context.isSuperadmin) throw identityErrors.invalidToken();
    return {
      ...base,
      kind: 'superadmin',
      tenantId: null,
      roles: ['superadmin'],
      permissions: superadminPermissions,
    };
  }
  if (!context.role) throw identityErrors.invalidToken('Membership ended');
  // Roles come from the database, not the token: a change applies on the next request.
  // The base role is all identity knows; RBAC's access resolver (composed in the API)
  // turns it, with the member's assigned roles and the tenant's modules, into permissions.
  return {
    ...base,
    kind: 'user',
    tenantId: context.tenantId,
    roles: [context.role],
    permissions: [],
    tenantStatus: context.tenantStatus as 'pending' | 'active',
  };
};

/**
 * Resolves `Authorization: Bearer <access token | API key>` to a principal;
 * no header is an anonymous caller, anything unusable is AUTHN.
 */
export const authenticateBearer = async (
  deps: IdentityDeps,
  authorization: string | undefined,
): Promise<Principal | null> => {
  if (authorization === undefined || authorization === '') return null;
  const match = /^Bearer ([^\s]+)$/i.exec(authorization);
  if (!match?.[1]) throw identityErrors.invalidToken('Authorization must be "Bearer <token>"');
  const token = match[1];
  return isApiKeyShaped(token) ? authenticateApiKey(deps, token) : authenticateAccessToken(deps, token);
};
