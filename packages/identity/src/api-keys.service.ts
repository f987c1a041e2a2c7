import { authzError, type Principal, tenantScopeOf } from '@tenantry/core';
import { newApiKey } from './api-key-format';
import { type ApiKeyRow, insertApiKey, listApiKeys, revokeApiKey } from './api-keys.repository';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { workInTenant } from './members.service';
import { identityPermissions } from './permissions';
import { sha256 } from './secrets';

/** What a client may see of a key: never its hash, and the key itself only once, at creation. */
const apiKeyView = (row: ApiKeyRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  permissions: row.permissions,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});

/**
 * POST /v1/tenants/current/api-keys. A key holds a subset of its creator's
 * permissions (an API key creating one included), so no key does more than
 * the person who made it could.
 */
export const createApiKey = async (
  deps: IdentityDeps,
  principal: Principal,
  input: { name: string; permissions: readonly string[] },
  meta: RequestMeta,
) => {
  const tenantId = tenantScopeOf(principal, identityPermissions.apiKeyManage);
  const permissions = [...new Set(input.permissions)];
  const beyond = permissions.filter((permission) => !principal.permissions.includes(permission));
  if (beyond.length > 0) {
    throw authzError('An API key cannot hold a permission you do not have', {
      details: { permissions: beyond },
    });
  }
  const { key, prefix } = newApiKey(tenantId);
  const row: ApiKeyRow = {
    tenantId,
    id: deps.newId(),
    name: input.name,
    prefix,
    keyHash: sha256(key),
    permissions,
    createdBy: principal.id,
    lastUsedAt: null,
    revokedAt: null,
    createdAt: deps.clock.now(),
  };
  await workInTenant(deps, principal, identityPermissions.apiKeyManage, meta, async (tx, _, audit) => {
    await insertApiKey(tx, row);
    await audit({
      action: 'api_key.created',
      entity: { type: 'api_key', id: row.id },
      after: { name: row.name, prefix, permissions },
    });
  });
  return { ...apiKeyView(row), key };
};

/** GET /v1/tenants/current/api-keys: newest first, revoked ones included (with revokedAt). */
export const listTenantApiKeys = async (deps: IdentityDeps, principal: Principal) => {
  const tenantId = tenantScopeOf(principal, identityPermissions.apiKeyManage);
  const rows = await deps.db.router.withTenant(tenantId, (tx) => listApiKeys(tx, tenantId));
  return rows.map(apiKeyView);
};

/** DELETE /v1/tenants/current/api-keys/:id: the key is refused from its next request on. */
export const revokeTenantApiKey = async (
  deps: IdentityDeps,
  principal: Principal,
  id: string,
  meta: RequestMeta,
) => {
  const revoked = await workInTenant(
    deps,
    principal,
    identityPermissions.apiKeyManage,
    meta,
    async (tx, tenantId, audit) => {
      // Another tenant's key id is simply not in this tenant's storage: NOT_FOUND.
      const row = await revokeApiKey(tx, tenantId, id, deps.clock.now());
      if (!row) throw identityErrors.notFound('API key');
      await audit({
        action: 'api_key.revoked',
        entity: { type: 'api_key', id },
        metadata: { name: row.name, prefix: row.prefix },
      });
      return row;
    },
  );
  return apiKeyView(revoked);
};
