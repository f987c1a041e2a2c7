import type { Clock, IdGenerator } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { RoleProfile } from '@tenantry/module-registry';
import type { RbacDeps } from './deps';
import { rbacEvents } from './events';
import { recordChange } from './record-change';
import { builtInKeysOf, insertRolesIfMissing } from './roles.repository';

/**
 * Seeds the built-in role profiles (owner, admin, ...) in a tenant's storage,
 * inside the caller's tenant transaction. Idempotent: profiles the tenant
 * already has are skipped, so it runs at approval and again, lazily, for a
 * tenant approved before roles existed. Returns how many roles it added.
 */
export const seedBuiltInRoles = async (
  tx: Tx,
  tenantId: string,
  profiles: readonly RoleProfile[],
  deps: { clock: Clock; newId: IdGenerator },
): Promise<number> => {
  const existing = new Set(await builtInKeysOf(tx, tenantId));
  const missing = profiles.filter((profile) => !existing.has(profile.key));
  if (missing.length === 0) return 0;
  const now = deps.clock.now();
  const added = await insertRolesIfMissing(
    tx,
    missing.map((profile) => ({
      tenantId,
      id: deps.newId(),
      key: profile.key,
      name: profile.name,
      rank: profile.rank,
      permissions: [],
      builtIn: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
  if (added > 0) {
    await recordChange(
      tx,
      deps,
      { tenantId, principal: null },
      {
        event: rbacEvents.rolesSeeded,
        entity: { type: 'tenant', id: tenantId },
        data: { roles: missing.map((profile) => profile.key) },
      },
    );
  }
  return added;
};

/** The built-in roles of a tenant, in its own transaction: the approval hook. */
export const seedTenantRoles = (deps: RbacDeps, tenantId: string): Promise<number> =>
  deps.router.withTenant(tenantId, (tx) => seedBuiltInRoles(tx, tenantId, deps.registry.roleProfiles, deps));
