import type { Principal } from '@tenantry/core';
import { findProfile, type TenancyMode, type Tx } from '@tenantry/db';
import type { IdentityDeps } from './deps';
import { identityErrors } from './errors';
import { platformPermissions } from './permissions';
import { requirePlatformPermission } from './platform-access';
import { findTenant, type TenantRow } from './tenants.repository';
import { tenantView } from './tenants.service';
import { membersOfTenant } from './users.repository';

/** A tenant read by a superadmin, in one directory transaction; unknown is NOT_FOUND. */
const readTenant = async <T>(
  deps: IdentityDeps,
  principal: Principal,
  tenantId: string,
  read: (tx: Tx, row: TenantRow) => Promise<T>,
): Promise<T> => {
  requirePlatformPermission(principal, platformPermissions.tenantManage);
  return deps.db.router.withPlatform(async (tx) => {
    const row = await findTenant(tx, tenantId);
    if (!row) throw identityErrors.notFound('Tenant');
    return read(tx, row);
  });
};

/**
 * Where a tenant's data lives, as the tenancy router resolves it: the mode of
 * its connection profile. Approval writes the profile, so a pending tenant
 * has none and no storage yet (null); an approved tenant without one is in
 * the shared tables, the router's default.
 */
const connectionModeOf = async (tx: Tx, row: TenantRow): Promise<TenancyMode | null> =>
  (await findProfile(tx, row.id))?.mode ?? (row.status === 'pending' ? null : 'shared');

/** GET /v1/superadmin/tenants/:id: the tenant with its connection mode. */
export const tenantDetail = (deps: IdentityDeps, principal: Principal, tenantId: string) =>
  readTenant(deps, principal, tenantId, async (tx, row) => ({
    ...tenantView(row),
    connectionMode: await connectionModeOf(tx, row),
  }));

/** GET /v1/superadmin/tenants/:id/members: its members from the directory (platform data), oldest first. */
export const tenantMembersAsSuperadmin = (deps: IdentityDeps, principal: Principal, tenantId: string) =>
  readTenant(deps, principal, tenantId, (tx) => membersOfTenant(tx, tenantId));
